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
                if (train.Labels.Distinct().Count() < data.ClassCount) continue; // a class absent from training: nothing to learn it from
                var ml = new MLContext(seed: seed + repeat);
                var trainView = BaselineData.FromVectors(ml, train.Indices.Select(i => table[i]).ToList(), train.Labels);
                var testView = BaselineData.FromVectors(ml, data.Test.Indices.Select(i => table[i]).ToList());
                var baseline = new ClassicalBaseline(new VectorFeaturizer(featureName),
                    new BaselineOptions { Trainer = trainer, Seed = seed + repeat });
                var run = baseline.Run(trainView, testView, data.ClassCount);
                double? threshold = data.Scenario.IsRareBinary ? ThresholdSelection.Prior(train.Labels) : null;
                outcomes.Add(new MethodOutcome($"{trainer.Name()}-{featureName}-{labelName}", MethodFamily.Classical,
                    $"ML.NET {trainer} on {featureName} features, {labelName} labels", run.Probabilities.ToArray(), threshold,
                    run.TrainSeconds, run.ScoreSeconds));
            }
        }
        return outcomes;
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
