using CzSL.Pipeline.Recipe;
using CzSL.Training.Loop;

namespace CzSL.Pipeline.Paper;

/// <summary>The measured cost of one finished training (one <see cref="ThroughputMeter"/> entry; kept in a unit's results).</summary>
/// <param name="Stage">One of the meter's stage names.</param>
/// <param name="ImageEpochs">Images × epochs processed (training and validation).</param>
/// <param name="Seconds">Wall seconds of those epochs.</param>
/// <param name="TrainImages">Training images × epochs.</param>
/// <param name="TrainSeconds">Seconds of the training passes.</param>
public sealed record StageMeasurement(string Stage, long ImageEpochs, double Seconds, long TrainImages, double TrainSeconds);

/// <summary>Collects the measured cost of each kind of training and projects the paper's full protocol from it.</summary>
public sealed class ThroughputMeter
{
    /// <summary>Stage names, in pipeline order.</summary>
    public const string Autoencoder = "autoencoder", PreTraining = "pre-training", FineTuning = "fine-tuning", ExpertCnn = "expert-cnn";

    private readonly Dictionary<string, (int Runs, long ImageEpochs, double Seconds, long TrainImages, double TrainSeconds)> _stages = [];
    private readonly List<StageMeasurement> _measurements = [];

    /// <summary>Adds one finished stage training of the recipe.</summary>
    public void Add(StageTrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stage = report.Stage switch
        {
            RecipeStage.AutoencoderPretraining => Autoencoder,
            RecipeStage.AmateurPretraining => PreTraining,
            _ => report.Variant == CzslMethod.ExpertOnly ? ExpertCnn : FineTuning,
        };
        Add(stage, report.Training, report.TrainCount, report.ValidationCount);
    }

    private void Add(string stage, TrainingResult result, int trainCount, int validationCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        long imageEpochs = 0, trainImages = 0;
        double seconds = 0, trainSeconds = 0;
        foreach (var epoch in result.History.Skip(result.ResumedFromEpoch))
        {
            imageEpochs += trainCount + validationCount;
            seconds += epoch.Seconds;
            trainImages += trainCount;
            if (epoch.ImagesPerSecond > 0) trainSeconds += trainCount / epoch.ImagesPerSecond;
        }
        Add(new StageMeasurement(stage, imageEpochs, seconds, trainImages, trainSeconds));
    }

    /// <summary>Adds one measured training (e.g. read back from a unit's results).</summary>
    public void Add(StageMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var s = _stages.GetValueOrDefault(measurement.Stage);
        s.ImageEpochs += measurement.ImageEpochs;
        s.Seconds += measurement.Seconds;
        s.TrainImages += measurement.TrainImages;
        s.TrainSeconds += measurement.TrainSeconds;
        s.Runs++;
        _stages[measurement.Stage] = s;
        _measurements.Add(measurement);
    }

    /// <summary>Every training added, in order.</summary>
    public IReadOnlyList<StageMeasurement> Measurements => _measurements;

    /// <summary>The measurements, in pipeline order.</summary>
    public IReadOnlyList<StageThroughput> Stages =>
        new[] { Autoencoder, PreTraining, FineTuning, ExpertCnn }.Where(_stages.ContainsKey)
            .Select(n =>
            {
                var s = _stages[n];
                return new StageThroughput(n, s.Runs, s.ImageEpochs, s.Seconds, s.TrainSeconds > 0 ? s.TrainImages / s.TrainSeconds : 0);
            })
            .ToList();

    /// <summary>
    /// The paper's full protocol on <paramref name="table"/> (all its galaxies imaged): per fold k, the autoencoder
    /// on the training fold and pre-training and fine-tuning on L ∪ A, each <paramref name="epochs"/> epochs (train +
    /// validation images), for <paramref name="executions"/> executions; null until the three stages were measured.
    /// </summary>
    public ReproductionProjection? Project(PaperTable table, int executions = 10, int epochs = 100)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rates = Stages.ToDictionary(s => s.Stage, s => s.EffectiveImagesPerSecond);
        if (!rates.ContainsKey(Autoencoder) || !rates.ContainsKey(PreTraining) || !rates.ContainsKey(FineTuning)) return null;
        long training = 0, labelled = 0;
        for (var k = 1; k <= 5; k++)
        {
            var n = table.TrainingOrder(k).Count;
            training += n;
            labelled += PaperSplit.Of(n).A.End.Value;
        }
        ProjectionLine Line(string stage, long imagesPerExecution) =>
            new(stage, imagesPerExecution * executions * epochs, rates[stage], imagesPerExecution * executions * epochs / rates[stage] / 3600);
        var lines = new[] { Line(Autoencoder, training), Line(PreTraining, labelled), Line(FineTuning, labelled) };
        var total = lines.Sum(l => l.Hours);
        var expertHours = rates.TryGetValue(ExpertCnn, out var expertRate) && expertRate > 0 ? training * executions * epochs / expertRate / 3600 : 0;
        return new ReproductionProjection(table.Records.Count, lines, total, total - lines[0].Hours * (executions - 1) / executions, expertHours);
    }
}
