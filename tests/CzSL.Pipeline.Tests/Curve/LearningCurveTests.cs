using CzSL.Data;
using CzSL.Pipeline.Curve;

namespace CzSL.Pipeline.Tests.Curve;

/// <summary>The learning curve's stratified order, its summary (paired gain, best baseline) and its points file.</summary>
[TestClass]
public sealed class LearningCurveTests
{
    [TestMethod]
    public void Every_prefix_of_the_stratified_order_keeps_the_class_balance_and_the_rare_class_comes_early()
    {
        // 16 of class 0, 4 of class 1: ranks (i + ½)/16 and (i + ½)/4 → class 1 at ranks 0.125, 0.375, 0.625, 0.875.
        var labels = Enumerable.Repeat(0, 16).Concat(Enumerable.Repeat(1, 4)).ToArray();
        var order = LearningCurve.StratifiedOrder(labels, 7);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 20).ToArray(), order, "a permutation");
        for (var n = 1; n <= 20; n++)
        {
            var rare = order.Take(n).Count(i => labels[i] == 1);
            Assert.IsTrue(Math.Abs(rare - n * 4 / 20.0) <= 1, $"prefix {n}: {rare} rare, expected {n * 4 / 20.0:F1} ± 1");
        }
        // Class 0 ranks below 0.125: i = 0, 1 (0.031, 0.094) → the first rare galaxy is third.
        Assert.AreEqual(1, labels[order[2]]);
        Assert.AreEqual(0, labels[order[0]] + labels[order[1]]);
        CollectionAssert.AreEqual(order, LearningCurve.StratifiedOrder(labels, 7), "seeded");
        CollectionAssert.AreNotEqual(order, LearningCurve.StratifiedOrder(labels, 8), "another seed shuffles within the classes");
    }

    [TestMethod]
    public void The_summary_pairs_CzSL_with_expert_only_by_repeat_and_keeps_only_the_best_baseline()
    {
        CurvePoint P(string method, int repeat, int size, double value) => new(Scenario.ES, method, repeat, size, size == 0 ? 100 : size, value, 1);
        var points = new[]
        {
            P("czsl", 0, 10, 0.80), P("czsl", 1, 10, 0.90), P("czsl", 2, 10, 0.85),
            P("expert-only", 0, 10, 0.60), P("expert-only", 1, 10, 0.80), P("expert-only", 2, 10, 0.55),
            P("czsl", 0, 0, 0.9), P("expert-only", 0, 0, 0.95),
            P("lbfgs-cas-expert", 0, 10, 0.7), P("lbfgs-cas-expert", 0, 0, 0.9),
            P("lightgbm-cas-expert", 0, 10, 0.6), P("lightgbm-cas-expert", 0, 0, 0.7),
        };
        var curve = LearningCurveSummary.Summarise(points).Single();
        Assert.AreEqual("accuracy", curve.Metric);
        Assert.AreEqual("lbfgs-cas-expert", curve.BestBaseline, "mean 0.8 against 0.65");
        Assert.IsFalse(curve.Series.Any(s => s.Method.StartsWith("lightgbm", StringComparison.Ordinal)));
        Assert.IsTrue(curve.Series.Single(s => s.Method.StartsWith("lbfgs", StringComparison.Ordinal)).Method.EndsWith("(best classical)", StringComparison.Ordinal));

        // Paired differences 0.20, 0.10, 0.30: mean 0.2, sd 0.1, half-width t(0.975, 2)·0.1/√3 = 4.302653·0.057735 = 0.248414.
        var gain = curve.Gain.Single(g => g.Labels == 10).Difference;
        Assert.AreEqual(0.2, gain.Mean, 1e-12);
        Assert.AreEqual(0.2 - 0.248414, gain.Low, 1e-5);
        Assert.AreEqual(0.2 + 0.248414, gain.High, 1e-5);
        var all = curve.Gain.Single(g => g.Labels == 100).Difference;
        Assert.AreEqual(-0.05, all.Mean, 1e-12);
        Assert.IsFalse(all.HasInterval, "one repeat: no interval");
        StringAssert.Contains(LearningCurveSummary.Signed(gain), "+0.200 [-0.048, +0.448]");
        Assert.AreEqual("0.000 [-0.402, +0.402]", LearningCurveSummary.Signed(new CzSL.Reporting.Statistics.MeanCi(-1e-9, -0.402, 0.402, 5)),
            "a difference that rounds to zero has no sign (not \"-+0.000\")");
    }

    [TestMethod]
    public void Points_round_trip_through_the_points_file_and_a_bad_cell_names_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-curve-").FullName;
        try
        {
            var points = new[]
            {
                new CurvePoint(Scenario.MG, "czsl", 0, 10, 10, 0.625, 12.5),
                new CurvePoint(Scenario.ERL, "expert-only", 4, 0, 285, 0.875, 3),
            };
            var path = Path.Combine(folder, LearningCurveSummary.PointsFile);
            LearningCurveSummary.WritePoints(points, path);
            CollectionAssert.AreEqual(points, LearningCurveSummary.ReadPoints(path).ToArray());

            File.WriteAllText(path, File.ReadAllText(path).Replace("0.875", "1.5", StringComparison.Ordinal));
            var e = Assert.ThrowsExactly<CzSL.Data.Manifest.ManifestFormatException>(() => LearningCurveSummary.ReadPoints(path));
            StringAssert.Contains(e.Message, "line 3");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
