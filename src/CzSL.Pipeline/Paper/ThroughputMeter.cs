using CzSL.Pipeline.Recipe;
using CzSL.Training.Loop;

namespace CzSL.Pipeline.Paper;

/// <summary>Collects the measured cost of each kind of training and projects the paper's full protocol from it.</summary>
public sealed class ThroughputMeter
{
    /// <summary>Stage names, in pipeline order.</summary>
    public const string Autoencoder = "autoencoder", PreTraining = "pre-training", FineTuning = "fine-tuning", ExpertCnn = "expert-cnn";

    private readonly Dictionary<string, (int Runs, long ImageEpochs, double Seconds, long TrainImages, double TrainSeconds)> _stages = [];

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
        var s = _stages.GetValueOrDefault(stage);
        foreach (var epoch in result.History.Skip(result.ResumedFromEpoch))
        {
            s.ImageEpochs += trainCount + validationCount;
            s.Seconds += epoch.Seconds;
            s.TrainImages += trainCount;
            if (epoch.ImagesPerSecond > 0) s.TrainSeconds += trainCount / epoch.ImagesPerSecond;
        }
        s.Runs++;
        _stages[stage] = s;
    }

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
