using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Protocol;
using Microsoft.ML;

namespace CzSL.Pipeline.Methods;

/// <summary>
/// Classical ML.NET baselines on the same splits: every feature set × trainer × label set (expert labels of L, or
/// amateur labels of A scored against the experts). Binary thresholds (MG) are the training labels' positive prior.
/// </summary>
public sealed class BaselineMethods(ExperimentSettings settings)
{
    /// <summary>Trainer names accepted in <see cref="ExperimentSettings.BaselineTrainers"/>.</summary>
    public static readonly IReadOnlyDictionary<string, ClassicalTrainer> Trainers = new Dictionary<string, ClassicalTrainer>
    {
        ["sdca"] = ClassicalTrainer.Sdca,
        ["lbfgs"] = ClassicalTrainer.Lbfgs,
        ["lightgbm"] = ClassicalTrainer.LightGbm,
        ["fastforest"] = ClassicalTrainer.FastForest,
    };

    /// <summary>Runs every baseline of one scenario and repeat on the given feature tables (name → vector per galaxy).</summary>
    public IReadOnlyList<MethodOutcome> Run(ScenarioData data, int repeat, IReadOnlyDictionary<string, float[][]> features)
    {
        var outcomes = new List<MethodOutcome>();
        var amateur = Subsample(data.Amateur, settings.MaxBaselineAmateurRows, (ulong)(settings.Seed + repeat));
        foreach (var (featureName, table) in features)
        foreach (var trainerName in settings.BaselineTrainers)
        {
            if (!Trainers.TryGetValue(trainerName, out var trainer))
                throw new ArgumentException($"Unknown baseline trainer '{trainerName}': expected one of {string.Join(", ", Trainers.Keys)}.");
            foreach (var (labelName, train) in new[] { ("expert", data.Expert), ("amateur", amateur) })
            {
                if (train.Labels.Distinct().Count() < data.ClassCount) continue; // a class absent from training: nothing to learn it from
                var ml = new MLContext(seed: settings.Seed + repeat);
                var trainView = BaselineData.FromVectors(ml, train.Indices.Select(i => table[i]).ToList(), train.Labels);
                var testView = BaselineData.FromVectors(ml, data.Test.Indices.Select(i => table[i]).ToList());
                var baseline = new ClassicalBaseline(new VectorFeaturizer(featureName),
                    new BaselineOptions { Trainer = trainer, Seed = settings.Seed + repeat });
                var run = baseline.Run(trainView, testView, data.ClassCount);
                double? threshold = data.Scenario == Scenario.MG ? ThresholdSelection.Prior(train.Labels) : null;
                outcomes.Add(new MethodOutcome($"{trainerName}-{featureName}-{labelName}", MethodFamilies.Classical,
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
