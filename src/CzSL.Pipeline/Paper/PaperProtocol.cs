using System.Diagnostics;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Transfer;
using CzSL.Reporting;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;
using CzSL.Training;
using Microsoft.ML;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// The CzSL paper's protocol on its own five folds. Per fold k: the autoencoder on every image of the training fold
/// (file order, first 70% train / last 30% validation); the label transfer fitted on L's vote fractions and expert
/// labels (all of L: it needs no images) relabelling A; then per execution (a fresh seed): pre-training of a CNN
/// initialised from the encoder on the amateur labels of L ∪ A, fine-tuning on L (expert) ∪ A (transferred), the same
/// CNN from scratch on the expert labels of the whole training fold, and ML.NET trainers on the encoder's flattened
/// code; each network trains on the first 70% of its set (after ROS/RUS for MG) and validates on the rest. Everything
/// is scored on test fold k against the expert labels, with argmax decisions (the reference code's). Image-based steps
/// use the galaxies that have an image; the others are counted as missing per set.
/// </summary>
/// <remarks>
/// Methods: <c>czsl</c>; <c>amateur-only</c> (the pre-trained network, before fine-tuning); <c>cnn-expert</c>;
/// <c>lbfgs-cae</c>, <c>lightgbm-cae</c>, <c>fastforest-cae</c>; and two image-free references on the same test
/// galaxies: <c>transfer-votes</c> (the fitted label transfer applied to the test galaxies' votes) and
/// <c>amateur-votes</c> (their amateur labels).
/// </remarks>
public sealed class PaperProtocol(PaperProtocolOptions options, IProgress<ExperimentProgress>? progress = null)
{
    private double _done;
    private double _total;

    /// <summary>Method names in report order with what each is.</summary>
    public static IReadOnlyList<(string Name, string Description)> Methods { get; } =
    [
        (CzslMethod.Czsl.Name(), "autoencoder encoder → pre-training on amateur labels of L ∪ A → fine-tuning on L (expert) ∪ A (transferred)"),
        (CzslMethod.AutoencoderAmateur.Name(), "autoencoder encoder → amateur labels of L ∪ A only (the pre-trained network)"),
        (CzslMethod.ExpertOnly.Name(), "the same CNN from random weights on the expert labels of the whole training fold"),
        ("lbfgs-cae", "ML.NET L-BFGS (logistic regression / maximum entropy) on the encoder's flattened code, expert labels of the training fold"),
        ("lightgbm-cae", "ML.NET LightGbm on the encoder's flattened code, expert labels of the training fold"),
        ("fastforest-cae", "ML.NET FastForest on the encoder's flattened code, expert labels of the training fold"),
        ("transfer-votes", "no image: the label transfer (fitted on L) applied to the test galaxies' vote fractions"),
        ("amateur-votes", "no image: the test galaxies' amateur labels"),
    ];

    /// <summary>Runs the protocol and writes report.md/json/html and reproduction.md/json into <paramref name="outDir"/> (work files in its work/ folder).</summary>
    /// <exception cref="InvalidDataException">No galaxy has an image, or no method could be scored on any fold.</exception>
    public PaperRun Run(PaperTables tables, string imagesDirectory, string? labelsCsv, string outDir, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        options.Validate();
        var clock = Stopwatch.StartNew();
        outDir = Path.GetFullPath(outDir);
        var work = Path.Combine(outDir, "work");
        Directory.CreateDirectory(work);
        var table = tables.Table(PaperLabels.TableOf(options.Scenario));
        TorchRuntime.EnsureInitialised();
        var perFold = 1 + (PaperFoldRun.Variants.Length + 1) * options.Executions;
        _total = 1 + options.Folds.Count * perFold;

        Report("decoding images");
        var results = new PaperResults();
        var images = LoadImages(options, table, imagesDirectory, labelsCsv, work, results,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}")), cancellation);
        Advance(1, "images decoded");
        var epochProgress = EpochProgress(Report);

        foreach (var k in options.Folds)
        {
            cancellation.ThrowIfCancellationRequested();
            var folder = Path.Combine(work, $"fold{k}");
            using var fold = PaperFoldRun.Create(options, PaperFold.Build(table, k, images.IndexOf), table, images, folder, loadAutoencoder: false,
                results, Report, epochProgress, cancellation);
            if (fold is null)
            {
                Advance(perFold, $"fold {k} skipped");
                continue;
            }
            fold.Autoencoder();
            Advance(1, $"fold {k}: autoencoder trained");
            for (var e = 1; e <= options.Executions; e++)
            {
                cancellation.ThrowIfCancellationRequested();
                fold.Execution(e, Path.Combine(folder, $"exec{e}"));
                Advance(PaperFoldRun.Variants.Length + 1, $"fold {k} execution {e} done");
            }
        }
        var run = results.Write(options, table, tables.Mg, images.Count, outDir, clock.Elapsed);
        Advance(0, "report written");
        return run;
    }

    /// <summary>Decodes the images of <paramref name="table"/>'s galaxies (cached under <paramref name="work"/>) and notes how many there are.</summary>
    public static PaperImageSet LoadImages(PaperProtocolOptions options, PaperTable table, string imagesDirectory, string? labelsCsv, string work,
        PaperResults results, IProgress<(int Done, int Total)>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(results);
        var images = PaperImageSet.Load(table, imagesDirectory, labelsCsv, work, options.Recipe().Preprocessing, progress, cancellation);
        results.Note($"{images.Count:N0} of the {table.Records.Count:N0} galaxies of the {table.Kind} table have an image " +
                     $"({images.ImagesInFolder:N0} images in the folder, {images.ImagesOutsideTable:N0} of them not in the table): every image-based " +
                     "step works on that subset; galaxies without an image are counted as missing per set (folds table).");
        return images;
    }

    /// <summary>Turns per-epoch reports into status lines.</summary>
    public static IProgress<EpochReport> EpochProgress(Action<string> status) => new Progress<EpochReport>(e => status(
        $"{e.Stage} epoch {e.Epoch}/{e.Epochs} loss {e.Record.TrainLoss:F4} · {e.Record.ImagesPerSecond:N0} img/s"));

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, _total, status));

    private void Advance(double units, string status)
    {
        _done += units;
        Report(status);
    }
}
