namespace CzSL.Data.Metrics;

/// <summary>
/// Classification metrics from true class indices and either predicted class probabilities or hard predictions:
/// accuracy, macro-F1, per-class precision/recall, confusion matrix, log-loss, expected calibration error and, for
/// two classes, G-mean, the ROC AUC of the hard labels (the paper's "AUC", <see cref="BinaryReport.LabelAuc"/>), the
/// ROC AUC of the scores (<see cref="BinaryReport.ScoreAuc"/>) and the ROC curve.
/// </summary>
/// <remarks>
/// Expected calibration error (ECE) follows Guo et al. (2017): each example's confidence is its highest class
/// probability; examples fall into <see cref="CalibrationBins"/> equal-width bins (k/15, (k+1)/15] (confidence 0 goes
/// to the first bin); ECE = Σ_bins (|bin| / n) · |accuracy(bin) − mean confidence(bin)|. For a binary problem the
/// confidence is likewise max(p, 1 − p) and "accurate" means the argmax class is right, whatever the threshold.
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>Number of equal-width confidence bins of the expected calibration error.</summary>
    public const int CalibrationBins = 15;

    /// <summary>Probabilities are clipped to at least this before taking logarithms (as scikit-learn's log_loss).</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>
    /// Metrics from class probabilities (each row sums to ~1). The predicted class is the argmax (first on ties); for
    /// two classes it is 1 when p(1) ≥ <paramref name="threshold"/> (default 0.5).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is out of range, or a row has the wrong width.</exception>
    public static ClassificationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<float[]> probabilities, int classCount, double threshold = 0.5)
    {
        CheckScores(truth, probabilities, classCount);
        var predicted = new int[truth.Count];
        for (var i = 0; i < predicted.Length; i++)
            predicted[i] = classCount == 2 ? (probabilities[i][1] >= threshold ? 1 : 0) : ArgMax(probabilities[i]);
        var report = Compute(truth, predicted, probabilities, classCount);
        return report.Binary is null ? report : report with { Binary = report.Binary with { Threshold = threshold } };
    }

    /// <summary>
    /// Metrics of decisions made elsewhere (<paramref name="predicted"/>, e.g. a multilabel model's per-column rule)
    /// with the per-class <paramref name="scores"/> they came from (rows need not sum to 1: independent per-class
    /// probabilities are fine) for the log-loss, the calibration error and the ROC AUC of class 1's score.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is out of range, or a row has the wrong width.</exception>
    public static ClassificationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<float[]> scores, int classCount)
    {
        CheckScores(truth, scores, classCount);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but predicted has {predicted.Count}.", nameof(predicted));
        var report = FromPredictions(truth, predicted, classCount) with
        {
            LogLoss = LogLoss(truth, scores),
            ExpectedCalibrationError = ExpectedCalibrationError(truth, scores),
        };
        if (classCount != 2 || report.Binary is null) return report;
        var positive = scores.Select(p => (double)p[1]).ToArray();
        return report with
        {
            Binary = report.Binary with
            {
                ScoreAuc = BinaryMetrics.RocAuc(truth, positive),
                RocCurve = BinaryMetrics.RocCurve(truth, positive),
            },
        };
    }

    /// <summary>Metrics from hard predictions (no log-loss, calibration or AUC).</summary>
    public static ClassificationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount)
    {
        CheckClassCount(classCount);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but predicted has {predicted.Count}.", nameof(predicted));
        return FromPredictions(truth, predicted, classCount);
    }

    /// <summary>Mean −ln p(true class), with p clipped to [<see cref="LogLossEpsilon"/>, 1].</summary>
    public static double LogLoss(IReadOnlyList<int> truth, IReadOnlyList<float[]> probabilities)
    {
        if (truth.Count == 0) throw new ArgumentException("No examples.", nameof(truth));
        double sum = 0;
        for (var i = 0; i < truth.Count; i++)
            sum -= Math.Log(Math.Clamp(probabilities[i][truth[i]], LogLossEpsilon, 1.0));
        return sum / truth.Count;
    }

    /// <summary>Expected calibration error with <see cref="CalibrationBins"/> bins (see the class remarks and <see cref="CalibrationCurve"/>).</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<int> truth, IReadOnlyList<float[]> probabilities) =>
        CalibrationCurve.Of(truth, probabilities, CalibrationTarget.TopClass).ExpectedCalibrationError;

    /// <summary>Index of the largest value (the first on ties).</summary>
    public static int ArgMax(IReadOnlyList<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    private static ClassificationReport FromPredictions(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount)
    {
        if (truth.Count == 0) throw new ArgumentException("No examples.", nameof(truth));
        var confusion = new int[classCount][];
        for (var c = 0; c < classCount; c++) confusion[c] = new int[classCount];
        var hits = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if ((uint)truth[i] >= (uint)classCount)
                throw new ArgumentException($"True label {i} is {truth[i]}; expected 0..{classCount - 1}.", nameof(truth));
            if ((uint)predicted[i] >= (uint)classCount)
                throw new ArgumentException($"Predicted label {i} is {predicted[i]}; expected 0..{classCount - 1}.", nameof(predicted));
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) hits++;
        }
        var precision = new double[classCount];
        var recall = new double[classCount];
        var f1 = new double[classCount];
        for (var c = 0; c < classCount; c++)
        {
            var tp = confusion[c][c];
            var actual = confusion[c].Sum();
            var predictedCount = confusion.Sum(row => row[c]);
            precision[c] = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            recall[c] = actual == 0 ? 0 : (double)tp / actual;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        BinaryReport? binary = null;
        if (classCount == 2 && confusion[1].Sum() > 0 && confusion[0].Sum() > 0)
        {
            var (tpr, tnr) = (recall[1], recall[0]);
            binary = new BinaryReport { TruePositiveRate = tpr, TrueNegativeRate = tnr, GMean = Math.Sqrt(tpr * tnr), LabelAuc = (tpr + tnr) / 2 };
        }
        return new ClassificationReport
        {
            Count = truth.Count,
            ClassCount = classCount,
            Accuracy = (double)hits / truth.Count,
            MacroF1 = f1.Average(),
            Precision = precision,
            Recall = recall,
            F1 = f1,
            ConfusionMatrix = confusion,
            Binary = binary,
        };
    }

    private static void CheckScores(IReadOnlyList<int> truth, IReadOnlyList<float[]> scores, int classCount)
    {
        CheckClassCount(classCount);
        if (truth.Count != scores.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but probabilities has {scores.Count} rows.", nameof(scores));
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i].Length != classCount)
                throw new ArgumentException($"Probability row {i} has {scores[i].Length} values; expected {classCount}.", nameof(scores));
            foreach (var p in scores[i])
                if (!float.IsFinite(p)) throw new ArgumentException($"Probability row {i} holds a non-finite value.", nameof(scores));
        }
    }

    private static void CheckClassCount(int classCount)
    {
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Need at least two classes.");
    }
}
