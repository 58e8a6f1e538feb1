using CzSL.Data.Metrics;

namespace CzSL.Data.Tests.Metrics;

[TestClass]
public sealed class ThresholdSelectionTests
{
    [TestMethod]
    public void MaxGMeanTakesTheMidpointOfTheFirstBestCut()
    {
        // Cuts: ≥0.8 → G = sqrt(0.5·1); ≥0.4 → 0.5; ≥0.35 → sqrt(1·0.5); ≥0.1 → 0. The first best (0.8) wins,
        // and the threshold sits halfway to the next lower score (0.4).
        var t = ThresholdSelection.MaxGMean([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
        Assert.AreEqual(0.6, t, 1e-12);
    }

    [TestMethod]
    public void MaxGMeanSeparatesSeparableScores()
    {
        int[] truth = [0, 0, 0, 1, 1];
        double[] scores = [0.1, 0.2, 0.3, 0.7, 0.9];
        var t = ThresholdSelection.MaxGMean(truth, scores);
        Assert.AreEqual(0.5, t, 1e-12);
        Assert.AreEqual(1.0, BinaryMetrics.GMean(truth, scores, t));
    }

    [TestMethod]
    public void RulesGiveHalfPriorAndMaxGMean()
    {
        int[] truth = [0, 0, 0, 1];
        double[] scores = [0.1, 0.2, 0.3, 0.25];
        Assert.AreEqual(0.5, ThresholdSelection.Choose(ThresholdRule.Half, truth, scores));
        Assert.AreEqual(0.25, ThresholdSelection.Choose(ThresholdRule.Prior, truth, scores));
        Assert.AreEqual((0.25 + 0.2) / 2, ThresholdSelection.Choose(ThresholdRule.MaxGMean, truth, scores), 1e-12);
    }
}
