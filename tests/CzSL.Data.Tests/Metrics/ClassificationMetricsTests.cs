using CzSL.Data.Metrics;

namespace CzSL.Data.Tests.Metrics;

[TestClass]
public sealed class ClassificationMetricsTests
{
    private const double Tol = 1e-9;

    [TestMethod]
    public void MulticlassCountsMatchHandComputation()
    {
        // confusion rows (truth): [1,1,0], [0,2,0], [1,0,1]
        var report = ClassificationMetrics.Compute([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], 3);

        Assert.AreEqual(4.0 / 6, report.Accuracy, Tol);
        CollectionAssert.AreEqual(new[] { 1, 1, 0 }, report.ConfusionMatrix[0].ToArray());
        CollectionAssert.AreEqual(new[] { 0, 2, 0 }, report.ConfusionMatrix[1].ToArray());
        CollectionAssert.AreEqual(new[] { 1, 0, 1 }, report.ConfusionMatrix[2].ToArray());
        Assert.AreEqual(0.5, report.Precision[0], Tol);
        Assert.AreEqual(2.0 / 3, report.Precision[1], Tol);
        Assert.AreEqual(1.0, report.Precision[2], Tol);
        Assert.AreEqual(0.5, report.Recall[0], Tol);
        Assert.AreEqual(1.0, report.Recall[1], Tol);
        Assert.AreEqual(0.5, report.Recall[2], Tol);
        Assert.AreEqual((0.5 + 0.8 + 2.0 / 3) / 3, report.MacroF1, Tol);
        Assert.IsNull(report.Binary);
        Assert.IsNull(report.LogLoss);
    }

    [TestMethod]
    public void LogLossAndCalibrationErrorFromProbabilities()
    {
        var report = ClassificationMetrics.Compute([0, 1], [[0.8f, 0.2f], [0.4f, 0.6f]], 2);

        Assert.AreEqual(-(Math.Log(0.8f) + Math.Log(0.6f)) / 2, report.LogLoss!.Value, 1e-6);
        // Two bins, each all correct: 0.5·|1 − 0.8| + 0.5·|1 − 0.6|.
        Assert.AreEqual(0.3, report.ExpectedCalibrationError!.Value, 1e-6);
    }

    [TestMethod]
    public void CalibrationErrorPoolsABin()
    {
        // Confidences 0.90 and 0.88 share the bin (13/15, 14/15]: accuracy 0.5, mean confidence 0.89.
        var ece = ClassificationMetrics.ExpectedCalibrationError([0, 1], [[0.9f, 0.1f], [0.88f, 0.12f]]);
        Assert.AreEqual(0.39, ece, 1e-6);
    }

    [TestMethod]
    public void BinaryReportUsesTheThreshold()
    {
        float[][] p = [[0.9f, 0.1f], [0.6f, 0.4f], [0.65f, 0.35f], [0.2f, 0.8f]];
        var report = ClassificationMetrics.Compute([0, 0, 1, 1], p, 2, threshold: 0.6);

        Assert.AreEqual(0.75, report.Binary!.ScoreAuc!.Value, 1e-6);
        Assert.AreEqual(0.5, report.Binary.TruePositiveRate, Tol);
        Assert.AreEqual(1.0, report.Binary.TrueNegativeRate, Tol);
        Assert.AreEqual(Math.Sqrt(0.5), report.Binary.GMean, Tol);
        Assert.AreEqual(0.75, report.Accuracy, Tol);
        Assert.AreEqual(5, report.Binary.RocCurve.Count);
    }

    [TestMethod]
    public void The_papers_AUC_is_the_AUC_of_the_hard_labels_and_differs_from_the_score_AUC()
    {
        // Threshold 0.5: predictions 0, 1, 0, 1, 0 → TPR 1/2, TNR 2/3; roc_auc_score on those labels = (1/2 + 2/3) / 2.
        int[] truth = [0, 0, 0, 1, 1];
        float[][] p = [[0.9f, 0.1f], [0.4f, 0.6f], [0.7f, 0.3f], [0.2f, 0.8f], [0.55f, 0.45f]];
        var binary = ClassificationMetrics.Compute(truth, p, 2).Binary!;

        Assert.AreEqual(7.0 / 12, binary.LabelAuc, Tol);
        Assert.AreEqual(BinaryMetrics.RocAuc(truth, [0, 1, 0, 1, 0]), binary.LabelAuc, Tol, "rank AUC of the 0/1 predictions");
        // Scores rank 5 of the 6 positive–negative pairs correctly (0.45 < 0.6 is the miss).
        Assert.AreEqual(5.0 / 6, binary.ScoreAuc!.Value, Tol);
    }

    [TestMethod]
    public void Decisions_made_elsewhere_are_scored_as_given_with_the_scores_for_the_AUC()
    {
        // Independent per-class scores (rows do not sum to 1) with the decisions a multilabel rule made from them.
        int[] truth = [0, 1, 1, 0];
        float[][] scores = [[0.3f, 0.2f], [0.6f, 0.7f], [0.1f, 0.4f], [0.8f, 0.9f]];
        var report = ClassificationMetrics.Compute(truth, [0, 0, 0, 0], scores, 2);

        Assert.AreEqual(0.5, report.Accuracy, Tol);
        Assert.AreEqual(0.0, report.Binary!.TruePositiveRate, Tol);
        Assert.IsNull(report.Binary.Threshold);
        // Positives 0.7, 0.4 vs negatives 0.2, 0.9: 2 of 4 pairs ranked right.
        Assert.AreEqual(0.5, report.Binary.ScoreAuc!.Value, Tol);
        Assert.AreEqual(-(Math.Log(0.3) + Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.8)) / 4, report.LogLoss!.Value, 1e-6);
    }

    [TestMethod]
    public void RocAucCountsTiesAsHalf()
    {
        Assert.AreEqual(0.75, BinaryMetrics.RocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), Tol);
        // Positive 0.5 vs negative 0.5 is a tie: (0.5 + 1 + 1 + 1) / 4.
        Assert.AreEqual(0.875, BinaryMetrics.RocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), Tol);
        Assert.AreEqual(0.5, BinaryMetrics.RocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), Tol);
    }

    [TestMethod]
    public void RocCurveAreaEqualsRankAuc()
    {
        int[] truth = [0, 1, 0, 1, 1, 0, 0];
        double[] scores = [0.5, 0.5, 0.2, 0.9, 0.1, 0.7, 0.2];
        var curve = BinaryMetrics.RocCurve(truth, scores);
        double area = 0;
        for (var i = 1; i < curve.Count; i++)
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate) * (curve[i].TruePositiveRate + curve[i - 1].TruePositiveRate) / 2;

        Assert.AreEqual(BinaryMetrics.RocAuc(truth, scores), area, 1e-12);
        Assert.AreEqual(new RocPoint(double.PositiveInfinity, 0, 0), curve[0]);
        Assert.AreEqual(1.0, curve[^1].FalsePositiveRate);
        Assert.AreEqual(1.0, curve[^1].TruePositiveRate);
    }

    [TestMethod]
    public void GMeanIsRootOfSensitivityTimesSpecificity()
    {
        // TPR 3/4, TNR 4/6.
        var g = BinaryMetrics.GMean([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0, 0, 1, 1]);
        Assert.AreEqual(Math.Sqrt(0.75 * 4 / 6), g, Tol);
    }

    [TestMethod]
    public void BadInputIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ClassificationMetrics.Compute([0, 3], [0, 1], 3));
        Assert.ThrowsExactly<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [[1f, 0f]], 2));
        Assert.ThrowsExactly<ArgumentException>(() => BinaryMetrics.RocAuc([1, 1], [0.2, 0.3]));
        Assert.ThrowsExactly<ArgumentException>(() => BinaryMetrics.RocAuc([0, 2], [0.2, 0.3]));
    }

    [TestMethod]
    public void MeanSdUsesTheSampleDeviation()
    {
        var s = MeanSd.Of([1.0, 2.0, 3.0, 4.0]);
        Assert.AreEqual(2.5, s.Mean, Tol);
        Assert.AreEqual(Math.Sqrt(5.0 / 3), s.Sd, Tol);
        Assert.AreEqual("250.0 ± 129.1", s.Format(1, 100));
    }
}
