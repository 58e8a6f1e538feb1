using CzSL.Data.Metrics;

namespace CzSL.Data.Tests.Metrics;

[TestClass]
public sealed class PriorAdjustmentTests
{
    /// <summary>
    /// Two unit-variance Gaussian classes at ∓1: a classifier trained at a ½/½ prior outputs p(1|x) = σ(2x) exactly.
    /// Scoring a set drawn at 80% / 20% must recover that prior.
    /// </summary>
    [TestMethod]
    public void EmRecoversTheClassBalanceOfTheScoredSet()
    {
        var random = new SeededRandom(11);
        var rows = new List<float[]>();
        for (var i = 0; i < 20_000; i++)
        {
            var positive = random.NextDouble() < 0.2;
            var x = (positive ? 1 : -1) + Gaussian(random);
            var p1 = 1 / (1 + Math.Exp(-2 * x));
            rows.Add([(float)(1 - p1), (float)p1]);
        }
        var naive = rows.Average(r => r[1]);
        Assert.IsTrue(naive > 0.25, $"the unadjusted mean posterior is biased towards ½ ({naive:F3}) — else the test proves nothing");

        var estimate = PriorAdjustment.Estimate(rows, [0.5, 0.5]);
        Assert.AreEqual(0.2, estimate.Prior[1], 0.01, $"EM estimate {estimate.Prior[1]:F4} after {estimate.Iterations} iterations");
        Assert.AreEqual(1.0, estimate.Prior.Sum(), 1e-9);
        Assert.IsTrue(estimate.Probabilities.Average(r => r[1]) < naive, "adjusted posteriors move towards the new prior");
    }

    [TestMethod]
    public void OneAdjustmentIsBayesRule()
    {
        // p = (0.5, 0.5) under (0.5, 0.5) moved to (0.8, 0.2): (0.8·0.5/0.5, 0.2·0.5/0.5) normalised = (0.8, 0.2).
        CollectionAssert.AreEqual(new[] { 0.8, 0.2 }, PriorAdjustment.Adjust([0.5f, 0.5f], [0.5, 0.5], [0.8, 0.2]).Select(v => Math.Round(v, 12)).ToArray());
        // p = (0.3, 0.7) from (0.25, 0.75) to (0.5, 0.5): (0.3·2, 0.7·⅔) = (0.6, 0.4667) → (0.5625, 0.4375).
        var q = PriorAdjustment.Adjust([0.3f, 0.7f], [0.25, 0.75], [0.5, 0.5]);
        Assert.AreEqual(0.5625, q[0], 1e-7);
        Assert.ThrowsExactly<ArgumentException>(() => PriorAdjustment.Estimate([[1f, 0f]], [0.7, 0.7]));
    }

    private static double Gaussian(SeededRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
