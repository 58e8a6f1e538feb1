namespace CzSL.Data.Metrics;

/// <summary>How a binary decision threshold on the positive-class probability is chosen.</summary>
public enum ThresholdRule
{
    /// <summary>Fixed 0.5.</summary>
    Half,
    /// <summary>The positive-class prior of the training labels (balances an imbalanced problem for a calibrated score).</summary>
    Prior,
    /// <summary>The threshold that maximises G-mean on the training scores.</summary>
    MaxGMean,
}

/// <summary>Chooses a binary decision threshold from training data only (never from the data it will be scored on).</summary>
public static class ThresholdSelection
{
    /// <summary>Chooses a threshold by <paramref name="rule"/> from training labels and (for <see cref="ThresholdRule.MaxGMean"/>) scores.</summary>
    public static double Choose(ThresholdRule rule, IReadOnlyList<int> truth, IReadOnlyList<double> scores) => rule switch
    {
        ThresholdRule.Half => 0.5,
        ThresholdRule.Prior => Prior(truth),
        ThresholdRule.MaxGMean => MaxGMean(truth, scores),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown threshold rule."),
    };

    /// <summary>Fraction of positive (1) labels.</summary>
    public static double Prior(IReadOnlyList<int> truth)
    {
        if (truth.Count == 0) throw new ArgumentException("No labels to take a prior from.", nameof(truth));
        var positives = 0;
        foreach (var label in truth)
        {
            if (label is not (0 or 1)) throw new ArgumentException($"Binary label {label}; expected 0 or 1.", nameof(truth));
            positives += label;
        }
        return (double)positives / truth.Count;
    }

    /// <summary>
    /// The threshold maximising sqrt(TPR·TNR) on the given scores. Candidates are the cuts between consecutive distinct
    /// scores; the returned threshold is the midpoint of the best cut (so a new score equal to a training score is
    /// classified as it was in training). The first best cut, from the highest threshold down, wins ties.
    /// </summary>
    public static double MaxGMean(IReadOnlyList<int> truth, IReadOnlyList<double> scores)
    {
        var curve = BinaryMetrics.RocCurve(truth, scores);
        var best = 1;
        var bestValue = double.NegativeInfinity;
        for (var i = 1; i < curve.Count; i++)
        {
            var value = Math.Sqrt(curve[i].TruePositiveRate * (1 - curve[i].FalsePositiveRate));
            if (value > bestValue) { bestValue = value; best = i; }
        }
        var cut = curve[best].Threshold;
        return best + 1 < curve.Count ? (cut + curve[best + 1].Threshold) / 2 : cut;
    }
}
