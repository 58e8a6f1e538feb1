using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using Microsoft.ML;

namespace CzSL.Pipeline.Comparison;

/// <summary>
/// Classical ML.NET baselines on the same splits: every feature set × trainer × label set (expert labels of L, or
/// amateur labels of A scored against the experts). Binary thresholds (MG) are the training labels' positive prior.
/// </summary>
public sealed class BaselineMethods(BaselineSettings settings, int seed)
{
    /// <summary>Runs every baseline of one scenario and repeat on the given feature tables (name → vector per galaxy).</summary>
    public IReadOnlyList<MethodOutcome> Run(ScenarioData data, int repeat, IReadOnlyDictionary<string, float[][]> features)
    {
        var outcomes = new List<MethodOutcome>();
        var amateur = Subsample(data.Amateur, settings.MaxAmateurRows, (ulong)(seed + repeat));
        foreach (var (featureName, table) in features)
        foreach (var trainer in settings.Trainers)
        {
            foreach (var (labelName, train) in new[] { ("expert", data.Expert), ("amateur", amateur) })
            {
                if (Train(featureName, table, trainer, labelName, train, data.Test.Indices, data.Scenario, repeat) is { } outcome) outcomes.Add(outcome);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// One baseline: <paramref name="trainer"/> on <paramref name="featureName"/> features learns <paramref name="train"/>'s
    /// labels (named <paramref name="labelName"/>) and scores <paramref name="test"/> (store indices); null when a class
    /// is absent from the training labels (nothing to learn it from). The binary threshold (MG) is the training prior.
    /// </summary>
    public MethodOutcome? Train(string featureName, float[][] table, ClassicalTrainer trainer, string labelName, LabelledSet train,
        IReadOnlyList<int> test, Scenario scenario, int repeat)
    {
        var classes = ScenarioClasses.Of(scenario).Count;
        if (train.Labels.Distinct().Count() < classes) return null;
        var ml = new MLContext(seed: seed + repeat);
        var trainView = BaselineData.FromVectors(ml, train.Indices.Select(i => table[i]).ToList(), train.Labels);
        var testView = BaselineData.FromVectors(ml, test.Select(i => table[i]).ToList());
        var baseline = new ClassicalBaseline(new VectorFeaturizer(featureName), new BaselineOptions { Trainer = trainer, Seed = seed + repeat });
        var run = baseline.Run(trainView, testView, classes);
        double? threshold = scenario.IsRareBinary ? ThresholdSelection.Prior(train.Labels) : null;
        return new MethodOutcome($"{trainer.Name()}-{featureName}-{labelName}", MethodFamily.Classical,
            $"ML.NET {trainer} on {featureName} features, {labelName} labels", run.Probabilities.ToArray(), threshold,
            run.TrainSeconds, run.ScoreSeconds);
    }

    /// <summary>At most <paramref name="max"/> rows, stratified, seeded (all rows when fewer).</summary>
    private static LabelledSet Subsample(LabelledSet set, int max, ulong seed)
    {
        if (set.Count <= max) return set;
        var fraction = (double)max / set.Count;
        var split = StratifiedSplit.Split(set.Labels, (fraction, 0, 1 - fraction), seed);
        return set.Take(split.Train);
    }
}
