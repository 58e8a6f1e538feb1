using CzSL.Data.Metrics;

namespace CzSL.Data.Tests.Metrics;

[TestClass]
public sealed class TemperatureScalingTests
{
    private static float[] OneHot(int k, int classes)
    {
        var row = new float[classes];
        row[k] = 1;
        return row;
    }

    [TestMethod]
    public void TheFittedTemperatureIsTheAnalyticOptimumOfABinarySet()
    {
        // Every example has logits [4, 0]; 3 of 4 are class 0. The NLL is minimal where sigmoid(4 / T) = 3/4,
        // i.e. 4 / T = ln 3: T = 4 / ln 3 ≈ 3.641 (the network is over-confident: softmax([4, 0]) gives 0.982).
        var logits = Enumerable.Repeat(new[] { 4f, 0f }, 8).ToArray();
        var targets = Enumerable.Range(0, 8).Select(i => OneHot(i % 4 == 3 ? 1 : 0, 2)).ToArray();
        var t = TemperatureScaling.Fit(logits, targets);
        Assert.AreEqual(4 / Math.Log(3), t, 1e-4);
        Assert.AreEqual(0.75, TemperatureScaling.Softmax(logits[0], t)[0], 1e-5, "the calibrated probability is the observed frequency");
    }

    [TestMethod]
    public void TheFittedTemperatureMatchesABruteForceGridOnMixedLogits()
    {
        var random = new Random(3);
        var logits = new float[60][];
        var targets = new float[60][];
        for (var i = 0; i < logits.Length; i++)
        {
            var label = random.Next(3);
            // Right 2 times in 3, with large (over-confident) logits.
            var predicted = random.Next(3) == 0 ? (label + 1) % 3 : label;
            logits[i] = [.. Enumerable.Range(0, 3).Select(k => (float)(random.NextDouble() * 2 + (k == predicted ? 6 : 0)))];
            targets[i] = OneHot(label, 3);
        }
        var grid = Enumerable.Range(0, 20001).Select(j => 0.05 + j * 0.001)
            .MinBy(t => TemperatureScaling.NegativeLogLikelihood(logits, targets, t));
        var fitted = TemperatureScaling.Fit(logits, targets);
        Assert.AreEqual(grid, fitted, 2e-3, "golden section finds the grid's minimum");
        Assert.IsTrue(fitted > 1, $"over-confident logits need T > 1 (got {fitted})");
        Assert.IsTrue(TemperatureScaling.NegativeLogLikelihood(logits, targets, fitted) < TemperatureScaling.NegativeLogLikelihood(logits, targets, 1));
    }

    [TestMethod]
    public void SoftTargetsAndUnderConfidentLogitsGiveATemperatureBelowOne()
    {
        // Logits [0.5, 0] (p = 0.62) for targets that are class 0 with probability 0.9: sharpen to logit(0.9) = ln 9.
        var logits = new[] { new[] { 0.5f, 0f } };
        var targets = new[] { new[] { 0.9f, 0.1f } };
        Assert.AreEqual(0.5 / Math.Log(9), TemperatureScaling.Fit(logits, targets), 1e-4);
    }

    [TestMethod]
    public void APerfectlySeparatedSetHasNoInteriorOptimumAndIsFlaggedAtTheBound()
    {
        // Every example right: the NLL falls all the way to T → 0, so the fit stops at the lower bound.
        var logits = new[] { new[] { 1f, 0f }, new[] { 0f, 2f } };
        var targets = new[] { OneHot(0, 2), OneHot(1, 2) };
        var t = TemperatureScaling.Fit(logits, targets);
        Assert.AreEqual(TemperatureScaling.MinTemperature, t, 1e-5);
        Assert.IsTrue(TemperatureScaling.IsAtBound(t));
        Assert.IsFalse(TemperatureScaling.IsAtBound(4 / Math.Log(3)), "an interior optimum is not flagged");
    }

    [TestMethod]
    public void SoftmaxDividesTheLogitsByTheTemperature()
    {
        var p = TemperatureScaling.Softmax([2f, 0f, 0f], 2);
        var e = Math.E;
        Assert.AreEqual(e / (e + 2), p[0], 1e-6);
        Assert.AreEqual(1 / (e + 2), p[1], 1e-6);
    }

    [TestMethod]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], []));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([[1f, 0f]], [[1f, 0f, 0f]]));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([[float.NaN, 0f]], [[1f, 0f]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Softmax([1f, 0f], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Softmax([1f, 0f], double.PositiveInfinity));
    }
}
