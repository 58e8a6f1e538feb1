using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Transfer;

/// <summary>No transfer: the amateurs' raw vote majority (<see cref="VoteRules.Majority"/>) as a one-hot distribution.</summary>
public sealed class NoneLabelTransfer : ILabelTransfer
{
    private Scenario? _scenario;

    /// <inheritdoc/>
    public string Name => "none";

    /// <inheritdoc/>
    /// <remarks>Learns nothing; only remembers the scenario.</remarks>
    public void Fit(IReadOnlyList<GalaxyRecord> labelled, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        _scenario = scenario;
    }

    /// <inheritdoc/>
    public float[][] PredictProba(IReadOnlyList<GalaxyRecord> records)
    {
        var scenario = _scenario ?? throw new InvalidOperationException("Call Fit before PredictProba.");
        var count = ScenarioClasses.Of(scenario).Count;
        return records.Select(r =>
        {
            var index = r.Votes is { Total: > 0 } votes
                ? VoteRules.Majority(votes, scenario)!.Value
                : throw new ArgumentException($"Galaxy {r.Id} has no votes.", nameof(records));
            var p = new float[count];
            p[index] = 1;
            return p;
        }).ToArray();
    }

    /// <inheritdoc/>
    public int Decide(float[] probabilities) => ClassificationMetrics.ArgMax(probabilities);
}
