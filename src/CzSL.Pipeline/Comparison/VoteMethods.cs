using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Comparison;

/// <summary>
/// References that read the test galaxies' own volunteer votes (no image): the amateur label policy, and the label
/// transfer fitted on L. They show how good the labels the CNNs learn from are.
/// </summary>
public sealed class VoteMethods(IReadOnlyList<GalaxyRecord> records, AmateurLabelPolicy policy)
{
    /// <summary>
    /// The policy's and the transfer's labels for the test galaxies (galaxies the policy cannot label get a uniform
    /// distribution); <paramref name="transfer"/> gives the label transfer fitted on L (null when L has no votes) when the
    /// test galaxies all have votes.
    /// </summary>
    public IReadOnlyList<MethodOutcome> Run(ScenarioData data, Func<TransferredLabeller?> transfer)
    {
        var test = data.Test.Indices.Select(i => records[i]).ToList();
        if (test.Any(r => !AmateurLabelPolicy.HasSource(r, data.Scenario))) return [];
        var uniform = Enumerable.Repeat(1f / data.ClassCount, data.ClassCount).ToArray();
        var labels = test.Select(r => policy.Label(r, data.Scenario) is { } l
            ? AmateurLabel.OneHot(l.ClassIndex, data.ClassCount).Target : uniform).ToArray();
        var outcomes = new List<MethodOutcome>
        {
            new($"volunteers-{policy.Name}", MethodFamily.Votes, "the test galaxies' own amateur labels (no image)",
                labels, data.ClassCount == 2 ? 0.5 : null, 0, 0),
        };
        if (test.All(r => r.Votes is not null) && transfer() is { } labeller)
        {
            var probabilities = labeller.Method.PredictProba(test);
            outcomes.Add(new($"transfer-{labeller.Method.Name}", MethodFamily.Votes,
                "label transfer fitted on L, applied to the test galaxies' votes (no image)",
                probabilities, labeller.Threshold, 0, 0) { Decisions = labeller.Decide(probabilities) });
        }
        return outcomes;
    }
}
