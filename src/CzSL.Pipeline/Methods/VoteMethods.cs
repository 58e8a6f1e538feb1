using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Transfer;
using CzSL.Pipeline.Protocol;

namespace CzSL.Pipeline.Methods;

/// <summary>
/// References that read the test galaxies' own volunteer votes (no image): the amateur label policy, and the label
/// transfer fitted on L. They show how good the labels the CNNs learn from are.
/// </summary>
public sealed class VoteMethods(IReadOnlyList<GalaxyRecord> records, ExperimentSettings settings)
{
    /// <summary>The policy's and the transfer's labels for the test galaxies (galaxies the policy cannot label get a uniform distribution).</summary>
    public IReadOnlyList<MethodOutcome> Run(ScenarioData data, ILabelTransfer transfer)
    {
        var test = data.Test.Indices.Select(i => records[i]).ToList();
        if (test.Any(r => r.Votes is null && r.Consensus is null)) return [];
        var uniform = Enumerable.Repeat(1f / data.ClassCount, data.ClassCount).ToArray();
        var policy = test.Select(r => settings.AmateurPolicy.Label(r, data.Scenario) is { } l
            ? AmateurLabel.OneHot(l.ClassIndex, data.ClassCount).Target : uniform).ToArray();
        var outcomes = new List<MethodOutcome>
        {
            new($"volunteers-{settings.AmateurPolicy.Name}", MethodFamilies.Votes, "the test galaxies' own amateur labels (no image)",
                policy, data.ClassCount == 2 ? 0.5 : null, 0, 0),
        };
        if (test.All(r => r.Votes is not null))
        {
            var labelled = data.Expert.Indices.Select(i => records[i]).Where(r => r.Votes is not null).ToList();
            var labeller = TransferredLabeller.Fit(transfer, labelled, data.Scenario);
            outcomes.Add(new($"transfer-{transfer.Name}", MethodFamilies.Votes,
                "label transfer fitted on L, applied to the test galaxies' votes (no image)",
                transfer.PredictProba(test), labeller.Threshold, 0, 0));
        }
        return outcomes;
    }
}
