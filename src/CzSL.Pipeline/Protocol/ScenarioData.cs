using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Protocol;

/// <summary>Galaxies with one label each: record indices, class indices and training targets (one-hot or soft).</summary>
public sealed record LabelledSet(int[] Indices, int[] Labels, float[][] Targets)
{
    /// <summary>Number of galaxies.</summary>
    public int Count => Indices.Length;

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    public LabelledSet Concat(LabelledSet other) =>
        new([.. Indices, .. other.Indices], [.. Labels, .. other.Labels], [.. Targets, .. other.Targets]);

    /// <summary>The rows at <paramref name="rows"/> (positions in this set).</summary>
    public LabelledSet Take(IEnumerable<int> rows)
    {
        var r = rows.ToArray();
        return new(r.Select(i => Indices[i]).ToArray(), r.Select(i => Labels[i]).ToArray(), r.Select(i => Targets[i]).ToArray());
    }
}

/// <summary>
/// What one scenario sees in one split: the expert set L, the amateur set A (labels from a policy), the test set with
/// expert labels (and true labels on simulated data), and how many pool galaxies the policy left unlabelled.
/// </summary>
public sealed record ScenarioData(
    Scenario Scenario,
    LabelledSet Expert,
    LabelledSet Amateur,
    LabelledSet Test,
    int?[] TestTruth,
    int AmateurUnlabelled)
{
    /// <summary>Number of classes of the scenario.</summary>
    public int ClassCount => ScenarioClasses.Of(Scenario).Count;

    /// <summary>Assembles the sets of <paramref name="scenario"/> for <paramref name="split"/>.</summary>
    public static ScenarioData Build(IReadOnlyList<GalaxyRecord> records, ExperimentSplit split, Scenario scenario, AmateurLabelPolicy policy)
    {
        var classes = ScenarioClasses.Of(scenario).Count;
        LabelledSet Hard(IEnumerable<(int Index, int Label)> rows)
        {
            var r = rows.ToArray();
            return new(r.Select(x => x.Index).ToArray(), r.Select(x => x.Label).ToArray(),
                r.Select(x => AmateurLabel.OneHot(x.Label, classes).Target).ToArray());
        }

        var expert = Hard(split.ExpertTrain
            .Select(i => (i, ScenarioLabels.ExpertIndex(records[i], scenario)))
            .Where(x => x.Item2 is not null).Select(x => (x.i, x.Item2!.Value)));
        var test = Hard(split.Test
            .Select(i => (i, ScenarioLabels.ExpertIndex(records[i], scenario)))
            .Where(x => x.Item2 is not null).Select(x => (x.i, x.Item2!.Value)));
        var truth = test.Indices.Select(i => ScenarioLabels.TruthIndex(records[i], scenario)).ToArray();

        var pool = split.AmateurPool;
        var amateurRows = pool.Select(i => (Index: i, Label: policy.Label(records[i], scenario)))
            .Where(x => x.Label is not null).ToArray();
        var amateur = new LabelledSet(
            amateurRows.Select(x => x.Index).ToArray(),
            amateurRows.Select(x => x.Label!.ClassIndex).ToArray(),
            amateurRows.Select(x => x.Label!.Target).ToArray());
        return new ScenarioData(scenario, expert, amateur, test, truth, pool.Length - amateurRows.Length);
    }
}
