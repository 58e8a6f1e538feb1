using CzSL.Reporting;

namespace CzSL.Pipeline.Paper;

/// <summary>Sizes of one fold's sets and of the training sets the networks saw (execution 1; resampling sizes do not vary).</summary>
/// <param name="Fold">The fold (1..5).</param>
/// <param name="Training">The training fold (the autoencoder's images).</param>
/// <param name="L">Expert-labelled set.</param>
/// <param name="A">Amateur-labelled set.</param>
/// <param name="U">Unlabelled set.</param>
/// <param name="Test">Test fold.</param>
/// <param name="PreTraining">Images of amateur pre-training (L ∪ A with images, after resampling), train + validation.</param>
/// <param name="FineTuning">Images of fine-tuning (L expert ∪ A transferred, after resampling).</param>
/// <param name="ExpertCnn">Images of the from-scratch expert CNN (whole training fold, after resampling).</param>
/// <param name="TransferOnA">Label transfer against the hidden expert labels of every galaxy of A (no images needed): accuracy, or G-mean for MG.</param>
/// <param name="AmateurOnA">The amateur labels of A against the experts, same metric.</param>
public sealed record PaperFoldSizes(int Fold, SetCount Training, SetCount L, SetCount A, SetCount U, SetCount Test,
    int PreTraining, int FineTuning, int ExpertCnn, double TransferOnA, double AmateurOnA);

/// <summary>Measured cost of one kind of training on this machine.</summary>
/// <param name="Stage">"autoencoder", "pre-training", "fine-tuning" or "expert-cnn".</param>
/// <param name="Runs">Trainings measured.</param>
/// <param name="ImageEpochs">Images × epochs processed (training and validation).</param>
/// <param name="Seconds">Wall seconds of those epochs.</param>
/// <param name="TrainImagesPerSecond">Training-pass throughput (forward + backward), over all epochs.</param>
public sealed record StageThroughput(string Stage, int Runs, long ImageEpochs, double Seconds, double TrainImagesPerSecond)
{
    /// <summary>Images per wall second, validation and per-epoch overheads included.</summary>
    public double EffectiveImagesPerSecond => Seconds > 0 ? ImageEpochs / Seconds : 0;
}

/// <summary>One line of the full-reproduction projection.</summary>
/// <param name="Stage">The training.</param>
/// <param name="ImageEpochs">Images × epochs over all folds and executions.</param>
/// <param name="ImagesPerSecond">Measured effective rate used.</param>
/// <param name="Hours">Projected compute hours.</param>
public sealed record ProjectionLine(string Stage, long ImageEpochs, double ImagesPerSecond, double Hours);

/// <summary>
/// Projected time of the paper's full protocol on the full table (every galaxy with an image): 5 folds × 10
/// executions × 3 trainings (autoencoder on the training fold, pre-training and fine-tuning on L ∪ A) of 100 epochs,
/// at the rates measured in this run.
/// </summary>
/// <param name="Galaxies">Galaxies of the table projected (the MG table: 43,779).</param>
/// <param name="Lines">Per training kind.</param>
/// <param name="Hours">Total, the autoencoder retrained in every execution.</param>
/// <param name="HoursAutoencoderPerFold">Total with one autoencoder per fold shared by its executions (as the reference's per-fold encoder weights, and this command).</param>
/// <param name="ExpertCnnHours">Extra hours of the from-scratch expert CNN baseline (100 epochs on the training fold, every execution).</param>
public sealed record ReproductionProjection(int Galaxies, IReadOnlyList<ProjectionLine> Lines, double Hours, double HoursAutoencoderPerFold, double ExpertCnnHours);

/// <summary>What <see cref="PaperProtocol.Run"/> produced.</summary>
/// <param name="Result">Every method's test metrics per fold and execution.</param>
/// <param name="Report">The report files (report.md, report.json, report.html, figures).</param>
/// <param name="Folds">Per-fold set sizes, missing images and transfer quality.</param>
/// <param name="Throughput">Measured training cost per stage.</param>
/// <param name="Projection">The projected full reproduction (null when no training was measured).</param>
/// <param name="Notes">What the run had to skip or should be read with (also in reproduction.md).</param>
/// <param name="ReproductionFile">reproduction.md (fold table, throughput, projection, notes).</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record PaperRun(ComparisonResult Result, ReportOutput Report, IReadOnlyList<PaperFoldSizes> Folds,
    IReadOnlyList<StageThroughput> Throughput, ReproductionProjection? Projection, IReadOnlyList<string> Notes, string ReproductionFile, TimeSpan Elapsed);
