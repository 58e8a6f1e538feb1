using CzSL.Data;
using CzSL.Reporting;

namespace CzSL.Reporting.Tests;

[TestClass]
public sealed class ScenarioSummaryTests
{
    [TestMethod]
    public void MeanAndSampleSdOverRepeats()
    {
        var s = MetricSummary.Of([0.8, 0.9, 1.0]);
        Assert.AreEqual(0.9, s.Mean, 1e-12);
        Assert.AreEqual(0.1, s.Sd, 1e-12);
        CollectionAssert.AreEqual(new[] { 0.8, 0.9, 1.0 }, s.Values.ToArray());
    }

    [TestMethod]
    public void RanksByMainMetricAndTestsCzslAgainstBestBaseline()
    {
        var summary = ScenarioSummary.Of(ComparisonFixture.Result().Scenarios[0]);

        CollectionAssert.AreEqual(new[] { "CzSL", "LightGbm (CAS)", "Sdca (CAS)" }, summary.Ranking.Select(m => m.Name).ToArray());
        var czsl = summary.Ranking[0].Expert[MetricNames.Accuracy];
        Assert.AreEqual(0.9, czsl.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(0.005 / 3), czsl.Sd, 1e-12);
        Assert.AreEqual(3.0, summary.Ranking[0].TrainSeconds.Mean, 1e-12); // 1.5, 2.5, 3.5, 4.5
        CollectionAssert.Contains(summary.ExpertMetrics.ToList(), MetricNames.Auc);
        CollectionAssert.Contains(summary.ExpertMetrics.ToList(), MetricNames.Recall("spiral"));

        var significance = summary.Significance!;
        Assert.AreEqual("LightGbm (CAS)", significance.Baseline);
        Assert.AreEqual("fold and execution", significance.Pairing);
        // d = [0.10, 0.10, 0.05, 0.15]: mean 0.1, sd √(0.005/3), t = 0.1 / (sd / 2) = 4.898979.
        Assert.AreEqual(0.1, significance.TTest.MeanDifference, 1e-12);
        Assert.AreEqual(4.898979485566356, significance.TTest.T, 1e-9);
        // ν = 3 has the closed form p = 1 − (2/π)(atan u + u / (1 + u²)), u = t/√3 = √8.
        var u = Math.Sqrt(8);
        Assert.AreEqual(1 - 2 / Math.PI * (Math.Atan(u) + u / (1 + u * u)), significance.TTest.PValue, 1e-12);
        // |d| = 0.1 twice (tied), ranks 1, 2.5, 2.5, 4; W = 0; variance 4·5·9/24 − (2³ − 2)/48 = 7.375 → normal approximation.
        Assert.IsFalse(significance.Wilcoxon.Exact);
        Assert.AreEqual(0, significance.Wilcoxon.Statistic);
        Assert.AreEqual(0.06559968741541135, significance.Wilcoxon.PValue, 1e-6);
    }

    [TestMethod]
    public void MgRanksByGMean()
    {
        var summary = ScenarioSummary.Of(ComparisonFixture.Result().Scenarios[2]);
        Assert.AreEqual(MetricNames.GMean, summary.Scenario.MainMetric);
        Assert.AreEqual("MG-ROS", summary.Scenario.Key);
        Assert.AreEqual("CzSL", summary.Ranking[0].Name);
        Assert.IsTrue(summary.Ranking[0].Truth.ContainsKey(MetricNames.Accuracy));
    }

    [TestMethod]
    public void PairsFoldMeansWhenExecutionsDoNotMatch()
    {
        var czsl = ComparisonFixture.Method("CzSL", 2, [18, 19, 17, 18, 16, 18], czsl: true);
        var baseline = ComparisonFixture.Method("Lbfgs", 2, [15, 16, 14], n: 20);
        baseline = baseline with { Repeats = baseline.Repeats.Select((r, i) => r with { Fold = i + 1, Execution = 7 }).ToArray() };
        var summary = ScenarioSummary.Of(new ScenarioResult { Scenario = Scenario.ES, Methods = [czsl, baseline] });

        var s = summary.Significance!;
        Assert.AreEqual("fold means", s.Pairing);
        Assert.HasCount(3, s.CzslValues);
        Assert.AreEqual((0.9 + 0.95) / 2, s.CzslValues[0], 1e-12);
        Assert.AreEqual(0.75, s.BaselineValues[0], 1e-12);
    }

    [TestMethod]
    public void ExplainsAMissingTest()
    {
        var summary = ScenarioSummary.Of(new ScenarioResult { Scenario = Scenario.ES, Methods = [ComparisonFixture.Method("Lbfgs", 2, [15, 16])] });
        Assert.IsNull(summary.Significance);
        Assert.AreEqual("no CzSL method to test", summary.SignificanceNote);
    }

    [TestMethod]
    public void RejectsDuplicateMethodsAndEmptyRepeats()
    {
        var m = ComparisonFixture.Method("Lbfgs", 2, [15, 16]);
        Assert.ThrowsExactly<ArgumentException>(() => ScenarioSummary.Of(new ScenarioResult { Scenario = Scenario.ES, Methods = [m, m] }));
        var empty = m with { Repeats = [] };
        var e = Assert.ThrowsExactly<ArgumentException>(() => ScenarioSummary.Of(new ScenarioResult { Scenario = Scenario.ES, Methods = [empty] }));
        StringAssert.Contains(e.Message, "'Lbfgs' has no repeats");
    }
}
