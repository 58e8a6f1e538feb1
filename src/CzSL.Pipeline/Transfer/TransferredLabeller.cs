using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Transfer;

/// <summary>A galaxy's transferred label: its class, the class name and the method's probabilities.</summary>
public sealed record TransferredLabel(string Id, int ClassIndex, string ClassName, float[] Probabilities);

/// <summary>
/// A fitted label-transfer method with its decision rule. ES and ERL, and MG under <see cref="ThresholdRule.Half"/>
/// (the paper's), take the method's own decision at 0.5 (<see cref="ILabelTransfer.Decide"/>: the argmax of a
/// distribution, per column for the reference's multilabel MLP); MG under another rule thresholds p(merger) at a value
/// chosen on the labelled (training) galaxies only.
/// </summary>
public sealed class TransferredLabeller
{
    private TransferredLabeller(ILabelTransfer method, Scenario scenario, double? threshold)
    {
        Method = method;
        Scenario = scenario;
        Threshold = threshold;
    }

    /// <summary>The fitted method.</summary>
    public ILabelTransfer Method { get; }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Decision threshold on p(merger) for MG under a threshold rule other than <see cref="ThresholdRule.Half"/>; null: the method's own decision.</summary>
    public double? Threshold { get; }

    /// <summary>Fits <paramref name="method"/> on <paramref name="labelled"/> and, for MG under a rule other than <see cref="ThresholdRule.Half"/>, chooses the threshold on the same galaxies.</summary>
    public static TransferredLabeller Fit(ILabelTransfer method, IReadOnlyList<GalaxyRecord> labelled, Scenario scenario,
        ThresholdRule rule = ThresholdRule.Prior)
    {
        ArgumentNullException.ThrowIfNull(method);
        method.Fit(labelled, scenario);
        if (!scenario.IsRareBinary || rule == ThresholdRule.Half) return new TransferredLabeller(method, scenario, null);
        var truth = TransferFeatures.ExpertLabels(labelled, scenario);
        var scores = method.PredictProba(labelled).Select(p => (double)p[1]).ToArray();
        return new TransferredLabeller(method, scenario, ThresholdSelection.Choose(rule, truth, scores));
    }

    /// <summary>Class indices for <paramref name="probabilities"/> under this labeller's decision rule.</summary>
    public int[] Decide(IReadOnlyList<float[]> probabilities) =>
        probabilities.Select(p => Threshold is { } t ? (p[1] >= t ? 1 : 0) : Method.Decide(p)).ToArray();

    /// <summary>Transferred labels of <paramref name="records"/> (e.g. the amateur set A), from their votes.</summary>
    public IReadOnlyList<TransferredLabel> Relabel(IReadOnlyList<GalaxyRecord> records)
    {
        var probabilities = Method.PredictProba(records);
        var classes = Decide(probabilities);
        var names = ScenarioClasses.Of(Scenario);
        return records.Select((r, i) => new TransferredLabel(r.Id, classes[i], names[classes[i]], probabilities[i])).ToArray();
    }

    /// <summary>Metrics of the transferred labels of <paramref name="records"/> against their expert labels.</summary>
    public ClassificationReport Evaluate(IReadOnlyList<GalaxyRecord> records)
    {
        var truth = TransferFeatures.ExpertLabels(records, Scenario);
        var probabilities = Method.PredictProba(records);
        var report = ClassificationMetrics.Compute(truth, Decide(probabilities), probabilities, ScenarioClasses.Of(Scenario).Count);
        return report.Binary is null ? report : report with { Binary = report.Binary with { Threshold = Threshold } };
    }
}
