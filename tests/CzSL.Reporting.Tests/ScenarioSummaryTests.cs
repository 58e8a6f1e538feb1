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
        Assert.AreEqual(0.1, s.SdRuns, 1e-12);
        Assert.IsNull(s.SdExecutions, "one execution: the paper's sd over executions does not exist");
        CollectionAssert.AreEqual(new[] { 0.8, 0.9, 1.0 }, s.Values.ToArray());
    }

    [TestMethod]
    public void The_papers_sd_is_over_the_executions_fold_means_and_ours_over_every_run()
    {
        // Fold 1: executions 0.90, 0.80; fold 2: 0.70, 0.80; fold 3: 0.80, 0.90.
        // Execution means 0.8 and 0.8333…: sd_executions = |Δ| / √2; sd_runs over the six values.
        var s = MetricSummary.Of([(1, 1, 0.9), (1, 2, 0.8), (2, 1, 0.7), (2, 2, 0.8), (3, 1, 0.8), (3, 2, 0.9)]);
        Assert.AreEqual(0.8166666666666667, s.Mean, 1e-12);
        Assert.AreEqual((0.8333333333333334 - 0.8) / Math.Sqrt(2), s.SdExecutions!.Value, 1e-12);
        var runs = new[] { 0.9, 0.8, 0.7, 0.8, 0.8, 0.9 };
        Assert.AreEqual(Math.Sqrt(runs.Sum(v => (v - s.Mean) * (v - s.Mean)) / 5), s.SdRuns, 1e-12);
        Assert.IsTrue(s.SdExecutions < s.SdRuns / 2, "averaging over folds first removes the fold-to-fold spread");
    }

    [TestMethod]
    public void RanksByMainMetricAndTestsCzslAgainstBestBaseline()
    {
        var summary = ScenarioSummary.Of(ComparisonFixture.Result().Scenarios[0]);

        CollectionAssert.AreEqual(new[] { "CzSL", "LightGbm (CAS)", "Sdca (CAS)" }, summary.Ranking.Select(m => m.Name).ToArray());
        var czsl = summary.Ranking[0].Expert[MetricNames.Accuracy];
        Assert.AreEqual(0.9, czsl.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(0.005 / 3), czsl.SdRuns, 1e-12);
        // Execution means (0.90 + 0.85) / 2 and (0.95 + 0.90) / 2.
        Assert.AreEqual(0.05 / Math.Sqrt(2), czsl.SdExecutions!.Value, 1e-12);
        Assert.AreEqual(3.0, summary.Ranking[0].TrainSeconds.Mean, 1e-12); // 1.5, 2.5, 3.5, 4.5
        CollectionAssert.Contains(summary.ExpertMetrics.ToList(), MetricNames.AucLabels);
        CollectionAssert.Contains(summary.ExpertMetrics.ToList(), MetricNames.AucScores);
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
