namespace CzSL.Data.Metrics;

/// <summary>One point of a ROC curve: the rates obtained when every score ≥ <see cref="Threshold"/> is called positive.</summary>
/// <param name="Threshold">Decision threshold (scores at or above it are positive).</param>
/// <param name="FalsePositiveRate">FP / (FP + TN).</param>
/// <param name="TruePositiveRate">TP / (TP + FN).</param>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// Metrics of a binary problem with labels 0 (negative) and 1 (positive): rank-based ROC AUC, ROC curve, G-mean.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>
    /// Area under the ROC curve from ranks (Mann–Whitney U / (P·N)). Tied scores get their average rank, which counts a
    /// positive–negative tie as one half: the same value as the trapezoidal area under <see cref="RocCurve"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, or one class is absent.</exception>
    public static double RocAuc(IReadOnlyList<int> truth, IReadOnlyList<double> scores)
    {
        var (positives, negatives) = CountClasses(truth, scores);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]].Equals(scores[order[start]])) end++;
            var averageRank = (start + end) / 2.0 + 1.0;
            for (var i = start; i <= end; i++)
                if (truth[order[i]] == 1) positiveRankSum += averageRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// ROC curve points, one per distinct score (highest first) plus the origin (threshold +∞): the false and true
    /// positive rates when every score ≥ the threshold is called positive.
    /// </summary>
    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<int> truth, IReadOnlyList<double> scores)
    {
        var (positives, negatives) = CountClasses(truth, scores);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        int tp = 0, fp = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]].Equals(scores[order[start]])) end++;
            for (var i = start; i <= end; i++)
                if (truth[order[i]] == 1) tp++; else fp++;
            points.Add(new RocPoint(scores[order[start]], (double)fp / negatives, (double)tp / positives));
            start = end + 1;
        }
        return points;
    }

    /// <summary>Geometric mean of sensitivity and specificity, sqrt(TPR·TNR), of hard 0/1 predictions.</summary>
    public static double GMean(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        var (tpr, tnr) = Rates(truth, predicted);
        return Math.Sqrt(tpr * tnr);
    }

    /// <summary>G-mean when every score ≥ <paramref name="threshold"/> is called positive.</summary>
    public static double GMean(IReadOnlyList<int> truth, IReadOnlyList<double> scores, double threshold) =>
        GMean(truth, Predict(scores, threshold));

    /// <summary>Hard predictions: 1 where the score is ≥ <paramref name="threshold"/>, else 0.</summary>
    public static int[] Predict(IReadOnlyList<double> scores, double threshold)
    {
        var predicted = new int[scores.Count];
        for (var i = 0; i < predicted.Length; i++) predicted[i] = scores[i] >= threshold ? 1 : 0;
        return predicted;
    }

    /// <summary>True positive rate (sensitivity) and true negative rate (specificity) of hard 0/1 predictions.</summary>
    public static (double TruePositiveRate, double TrueNegativeRate) Rates(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but predicted has {predicted.Count}.", nameof(predicted));
        int tp = 0, fn = 0, tn = 0, fp = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            CheckLabel(truth[i], i, nameof(truth));
            CheckLabel(predicted[i], i, nameof(predicted));
            if (truth[i] == 1) { if (predicted[i] == 1) tp++; else fn++; }
            else { if (predicted[i] == 0) tn++; else fp++; }
        }
        if (tp + fn == 0 || tn + fp == 0)
            throw new ArgumentException("Binary rates need at least one positive and one negative label.", nameof(truth));
        return ((double)tp / (tp + fn), (double)tn / (tn + fp));
    }

    private static (int Positives, int Negatives) CountClasses(IReadOnlyList<int> truth, IReadOnlyList<double> scores)
    {
        if (truth.Count != scores.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but scores has {scores.Count}.", nameof(scores));
        var positives = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            CheckLabel(truth[i], i, nameof(truth));
            if (double.IsNaN(scores[i])) throw new ArgumentException($"Score {i} is NaN.", nameof(scores));
            positives += truth[i];
        }
        var negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException("ROC analysis needs at least one positive and one negative label.", nameof(truth));
        return (positives, negatives);
    }

    private static void CheckLabel(int label, int index, string name)
    {
        if (label is not (0 or 1))
            throw new ArgumentException($"Binary label {index} is {label}; expected 0 or 1.", name);
    }
}
