using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Splits;
using CzSL.Data;

namespace CzSL.Pipeline.Comparison;

/// <summary>
/// One repeat of the experiment: which galaxies are tested (expert-labelled, never trained on), which expert labels
/// training may use (the scarce set L), and the pool every non-test galaxy belongs to (autoencoder images, amateur
/// labels). Indices refer to the manifest's records.
/// </summary>
public sealed record ExperimentSplit(int Repeat, int[] Test, int[] ExpertTrain, int[] Pool)
{
    /// <summary>Pool galaxies whose expert labels training must not see: the amateur set A (and U).</summary>
    public int[] AmateurPool => Pool.Except(ExpertTrain).ToArray();
}

/// <summary>Builds <see cref="ExperimentSplit"/>s: seeded holdout repeats, or repeated stratified k-fold.</summary>
public static class ExperimentSplits
{
    /// <summary>
    /// <paramref name="repeats"/> random splits of the expert-labelled galaxies, stratified by the MG expert label
    /// (the rare class): <paramref name="testFraction"/> of them are tested, the rest form L; all other galaxies
    /// are pool. Repeat r uses seed + r.
    /// </summary>
    public static IReadOnlyList<ExperimentSplit> Holdout(IReadOnlyList<GalaxyRecord> records, int repeats, double testFraction, ulong seed)
    {
        var (expert, strata) = ExpertLabelled(records);
        return Enumerable.Range(0, repeats).Select(r =>
        {
            var split = StratifiedSplit.Split(strata, (1 - testFraction, 0, testFraction), seed + (ulong)r);
            return Build(records.Count, r, split.Test.Select(i => expert[i]), split.Train.Select(i => expert[i]));
        }).ToList();
    }

    /// <summary>
    /// Repeated stratified k-fold over the expert-labelled galaxies (each is tested once per repeat); the other
    /// expert-labelled galaxies form L. Use when expert labels are few (e.g. 439 real galaxies).
    /// </summary>
    public static IReadOnlyList<ExperimentSplit> KFold(IReadOnlyList<GalaxyRecord> records, int k, int repeats, ulong seed)
    {
        var (expert, strata) = ExpertLabelled(records);
        return new RepeatedStratifiedKFold(k, repeats, seed).Folds(strata)
            .Select((f, i) => Build(records.Count, i, f.Test.Select(t => expert[t]), f.Train.Select(t => expert[t])))
            .ToList();
    }

    private static (int[] Expert, int[] Strata) ExpertLabelled(IReadOnlyList<GalaxyRecord> records)
    {
        var expert = Enumerable.Range(0, records.Count).Where(i => records[i].HasExpertLabel).ToArray();
        if (expert.Length < 10)
            throw new InvalidDataException($"Only {expert.Length} galaxies have expert labels: at least 10 are needed to test.");
        // Stratify by the merger label when known (the rare class), else by the ES label, else by the first own task's label.
        var ownStrata = new Dictionary<(string Task, string Label), int>();
        var strata = expert.Select(i => ScenarioLabels.ExpertIndex(records[i], Scenario.MG) is { } mg ? 10 + mg
            : ScenarioLabels.ExpertIndex(records[i], Scenario.ES) ?? OwnStratum(records[i], ownStrata)).ToArray();
        return (expert, strata);
    }

    // 100, 101, … for each (task, expert label) of the datasets' own tasks, in order of first appearance; 0 without one.
    private static int OwnStratum(GalaxyRecord record, Dictionary<(string Task, string Label), int> strata)
    {
        var own = record.Tasks.OrderBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(t => t.Value.Expert is not null);
        if (own.Value is null) return 0;
        var key = (own.Key, own.Value.Expert!);
        if (!strata.TryGetValue(key, out var stratum)) strata[key] = stratum = 100 + strata.Count;
        return stratum;
    }

    private static ExperimentSplit Build(int count, int repeat, IEnumerable<int> test, IEnumerable<int> expertTrain)
    {
        var testSet = test.Order().ToArray();
        var excluded = new HashSet<int>(testSet);
        var pool = Enumerable.Range(0, count).Where(i => !excluded.Contains(i)).ToArray();
        return new ExperimentSplit(repeat, testSet, expertTrain.Order().ToArray(), pool);
    }
}
