using CzSL.Data.Metrics;

namespace CzSL.Reporting;

/// <summary>Names, labels and directions of the scalar metrics a report shows, and their extraction from a <see cref="ClassificationReport"/>.</summary>
public static class MetricNames
{
    /// <summary>Accuracy.</summary>
    public const string Accuracy = "accuracy";
    /// <summary>Macro-averaged F1.</summary>
    public const string MacroF1 = "macro_f1";
    /// <summary>
    /// The paper's "AUC" (binary): ROC AUC of the hard predicted labels (scikit-learn's <c>roc_auc_score</c> on labels, as
    /// the reference code computes it) = (TPR + TNR) / 2.
    /// </summary>
    public const string AucLabels = "auc_labels";
    /// <summary>ROC AUC of the positive-class score (binary): ours, threshold-free.</summary>
    public const string AucScores = "auc_scores";
    /// <summary>G-mean (binary).</summary>
    public const string GMean = "g_mean";
    /// <summary>Log-loss.</summary>
    public const string LogLoss = "log_loss";
    /// <summary>Expected calibration error.</summary>
    public const string Ece = "ece";

    /// <summary>Name of a class's precision, e.g. "precision[spiral]".</summary>
    public static string Precision(string className) => $"precision[{className}]";

    /// <summary>Name of a class's recall, e.g. "recall[merger]".</summary>
    public static string Recall(string className) => $"recall[{className}]";

    /// <summary>False for metrics where lower is better (log-loss, ECE).</summary>
    public static bool HigherIsBetter(string metric) => metric is not (LogLoss or Ece);

    /// <summary>Human label of a metric for tables and axes.</summary>
    public static string Label(string metric) => metric switch
    {
        Accuracy => "Accuracy",
        MacroF1 => "Macro-F1",
        AucLabels => "AUC of labels (paper)",
        AucScores => "AUC of scores",
        GMean => "G-mean",
        LogLoss => "Log-loss",
        Ece => "ECE",
        _ => metric,
    };

    /// <summary>The scalar metrics of <paramref name="report"/>, in report order; binary-only and probability-only metrics only when present.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Scalars(ClassificationReport report, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ClassCount != classes.Count)
            throw new ArgumentException($"Report has {report.ClassCount} classes; the scenario has {classes.Count}.", nameof(report));
        yield return new(Accuracy, report.Accuracy);
        yield return new(MacroF1, report.MacroF1);
        if (report.Binary is { } binary)
        {
            yield return new(AucLabels, binary.LabelAuc);
            if (binary.ScoreAuc is { } auc) yield return new(AucScores, auc);
            yield return new(GMean, binary.GMean);
        }
        if (report.LogLoss is { } logLoss) yield return new(LogLoss, logLoss);
        if (report.ExpectedCalibrationError is { } ece) yield return new(Ece, ece);
        for (var c = 0; c < classes.Count; c++) yield return new(Precision(classes[c]), report.Precision[c]);
        for (var c = 0; c < classes.Count; c++) yield return new(Recall(classes[c]), report.Recall[c]);
    }
}
