namespace CzSL.Data.Metrics;

/// <summary>Metrics of a classifier on one labelled set (see <see cref="ClassificationMetrics"/>).</summary>
public sealed record ClassificationReport
{
    /// <summary>Number of scored examples.</summary>
    public required int Count { get; init; }
    /// <summary>Number of classes.</summary>
    public required int ClassCount { get; init; }
    /// <summary>Fraction of examples whose predicted class is the true class.</summary>
    public required double Accuracy { get; init; }
    /// <summary>Unweighted mean of the per-class F1 scores (a class with no true and no predicted example counts as F1 = 0).</summary>
    public required double MacroF1 { get; init; }
    /// <summary>Per-class precision TP / (TP + FP); 0 when the class is never predicted.</summary>
    public required IReadOnlyList<double> Precision { get; init; }
    /// <summary>Per-class recall TP / (TP + FN); 0 when the class never occurs.</summary>
    public required IReadOnlyList<double> Recall { get; init; }
    /// <summary>Per-class F1 = 2PR / (P + R); 0 when P + R = 0.</summary>
    public required IReadOnlyList<double> F1 { get; init; }
    /// <summary>Confusion counts: <c>ConfusionMatrix[truth][predicted]</c>.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }
    /// <summary>Mean negative log-probability of the true class (probabilities clipped to [1e-15, 1]); null without probabilities.</summary>
    public double? LogLoss { get; init; }
    /// <summary>Expected calibration error over <see cref="ClassificationMetrics.CalibrationBins"/> equal-width confidence bins; null without probabilities.</summary>
    public double? ExpectedCalibrationError { get; init; }
    /// <summary>Binary-only metrics (class 1 positive); null for more than two classes, or when the truth lacks one of the two classes.</summary>
    public BinaryReport? Binary { get; init; }
}

/// <summary>Metrics of a binary classifier with class 1 as the positive class.</summary>
public sealed record BinaryReport
{
    /// <summary>Decision threshold on the positive-class probability used for the hard predictions (null when predictions were given).</summary>
    public double? Threshold { get; init; }
    /// <summary>Sensitivity TP / (TP + FN).</summary>
    public required double TruePositiveRate { get; init; }
    /// <summary>Specificity TN / (TN + FP).</summary>
    public required double TrueNegativeRate { get; init; }
    /// <summary>sqrt(TPR · TNR).</summary>
    public required double GMean { get; init; }
    /// <summary>
    /// <c>auc_labels</c>, the CzSL paper's "AUC": ROC AUC of the hard predictions (scikit-learn's
    /// <c>roc_auc_score</c> on predicted labels, as the reference code computes it) = (TPR + TNR) / 2, the balanced accuracy.
    /// </summary>
    public required double LabelAuc { get; init; }
    /// <summary><c>auc_scores</c>: rank-based ROC AUC of the positive-class score; null when only hard predictions were given.</summary>
    public double? ScoreAuc { get; init; }
    /// <summary>ROC curve of the positive-class probability; empty when only hard predictions were given.</summary>
    public IReadOnlyList<RocPoint> RocCurve { get; init; } = [];
}
