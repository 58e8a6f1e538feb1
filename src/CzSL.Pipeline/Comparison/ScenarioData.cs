using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data;
using CzSL.Pipeline.Recipe;

namespace CzSL.Pipeline.Comparison;

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

    /// <summary>The recipe's sets: L and the amateur set A (which the label transfer relabels).</summary>
    public RecipeData ForRecipe() => new(Scenario, Expert, Amateur);

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
