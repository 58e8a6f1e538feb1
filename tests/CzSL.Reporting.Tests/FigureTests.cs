using CzSL.Data.Metrics;
using CzSL.Reporting.Plots;
using CzSL.Reporting.Statistics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Tests;

[TestClass]
public sealed class FigureTests
{
    // t(0.975, 3) from a t table.
    private const double T975Df3 = 3.182446305284263;

    private DirectoryInfo _dir = null!;

    [TestInitialize]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("czsl-figures-");

    [TestCleanup]
    public void DeleteFolder() => _dir.Delete(recursive: true);

    [TestMethod]
    public void ConfidenceIntervalIsTheHandComputedTInterval()
    {
        // mean 0.875; sd = sqrt(0.0125 / 3); half = t · sd / 2
        var ci = MeanCi.Of([0.8, 0.9, 0.85, 0.95]);
        var half = T975Df3 * Math.Sqrt(0.0125 / 3) / 2;
        Assert.AreEqual(0.875, ci.Mean, 1e-12);
        Assert.AreEqual(0.875 - half, ci.Low, 1e-9);
        Assert.AreEqual(0.875 + half, ci.High, 1e-9);
        Assert.AreEqual("0.875 [0.772, 0.978]", ci.Format());

        var single = MeanCi.Of([0.5]);
        Assert.IsFalse(single.HasInterval);
        Assert.AreEqual(0.0, single.HalfWidth);
        Assert.AreEqual("0.500 [no CI, n = 1]", single.Format());
        Assert.ThrowsExactly<ArgumentException>(() => MeanCi.Of([0.5, double.NaN]));
    }

    [TestMethod]
    public void MetricBarWhiskersAreTheCiNotTheSd()
    {
        var summary = ScenarioSummary.Of(ComparisonFixture.Result().Scenarios[0]);
        var model = ComparisonCharts.MetricBars(summary, MetricNames.Accuracy);

        var czsl = (ErrorBarItem)model.Series.OfType<ErrorBarSeries>().Single().Items[0];
        // CzSL accuracies 0.90, 0.95, 0.85, 0.90: sd = sqrt(0.005 / 3)
        var sd = Math.Sqrt(0.005 / 3);
        Assert.AreEqual(0.9, czsl.Value, 1e-12);
        Assert.AreEqual(T975Df3 * sd / 2, czsl.Error, 1e-9);
        Assert.AreNotEqual(sd, czsl.Error, 1e-3);
        StringAssert.Contains(model.Title, "95% CI");
        StringAssert.Contains(model.Axes.Single(a => a.Key == "values").Title, "95% CI");
    }

    [TestMethod]
    public void RocKeepsCzslAndTheBestOthersUpToSix()
    {
        IReadOnlyList<RocPoint> curve = [new RocPoint(1, 0, 0), new RocPoint(0.5, 0.5, 0.7), new RocPoint(0, 1, 1)];
        var inputs = new List<RocInput> { new("CzSL", true, 0.60, curve) };
        inputs.AddRange(Enumerable.Range(0, 7).Select(i => new RocInput($"m{i}", false, 0.70 + 0.01 * i, curve)));

        var picked = RocSelection.Select(inputs);
        CollectionAssert.AreEqual(new[] { "m6", "m5", "m4", "m3", "m2", "CzSL" }, picked.Select(c => c.Method).ToArray());

        var few = RocSelection.Select(inputs.Take(3).ToList());
        Assert.HasCount(3, few);

        var model = ComparisonCharts.RocCurves("roc", inputs);
        Assert.HasCount(7, model.Series, "chance line and six methods");
        Assert.AreEqual(LegendPlacement.Outside, model.Legends.Single().LegendPlacement);
        Assert.AreEqual(PlotType.Cartesian, model.PlotType);
        Assert.IsTrue(model.Axes.All(a => a.Minimum == 0 && a.Maximum == 1));
        var chance = (LineSeries)model.Series[0];
        Assert.AreEqual((0.0, 0.0, 1.0, 1.0), (chance.Points[0].X, chance.Points[0].Y, chance.Points[1].X, chance.Points[1].Y));
    }

    [TestMethod]
    public void ThreeEpochCurveHasIntegerTicksOnly()
    {
        var csv = Write("three.csv", "epoch,train_loss,val_loss,val_metric,lr,seconds", "1,0.9,1.0,0.6,0.01,2.0", "2,0.6,0.8,0.7,0.01,2.1", "3,0.4,0.7,0.8,0.01,2.0");
        var model = TrainingCurve.Read("three", csv).ToPlot();

        var epoch = model.Axes.Single(a => a.Position == AxisPosition.Bottom);
        Assert.AreEqual((1.0, 1.0, "0"), (epoch.MajorStep, epoch.MinorStep, epoch.StringFormat));
        var svg = SvgExporter.ExportToString(model, 600, 400, false);
        foreach (var tick in new[] { ">1<", ">2<", ">3<" }) StringAssert.Contains(svg, tick);
        Assert.IsFalse(svg.Contains(">1.5<", StringComparison.Ordinal) || svg.Contains(">2.5<", StringComparison.Ordinal), "no fractional epoch tick");
        Assert.HasCount(3, model.Axes, "epoch, loss and metric");
        Assert.AreEqual(1.0, TrainingCurve.EpochStep(9));
        Assert.AreEqual(5.0, TrainingCurve.EpochStep(49));
        Assert.AreEqual(20.0, TrainingCurve.EpochStep(199));
    }

    [TestMethod]
    public void AxesWithoutDataAreNotDrawn()
    {
        var noMetric = TrainingCurve.Read("no metric", Write("a.csv", "epoch,train_loss,val_metric", "1,0.9,", "2,0.5,")).ToPlot();
        CollectionAssert.AreEquivalent(new[] { AxisPosition.Bottom, AxisPosition.Left }, noMetric.Axes.Select(a => a.Position).ToArray());
        Assert.AreEqual("loss", noMetric.Axes.Single(a => a.Position == AxisPosition.Left).Key);

        var metricOnly = TrainingCurve.Read("metric only", Write("b.csv", "epoch,val_metric", "1,0.6", "2,0.7")).ToPlot();
        Assert.AreEqual("metric", metricOnly.Axes.Single(a => a.Position == AxisPosition.Left).Key);
        Assert.HasCount(2, metricOnly.Axes);

        var emptyCsv = Write("c.csv", "epoch,train_loss,val_metric");
        var empty = TrainingCurve.Read("empty", emptyCsv);
        Assert.IsFalse(empty.HasData);
        Assert.ThrowsExactly<InvalidOperationException>(() => empty.ToPlot());
        var output = ReportWriter.Write(ComparisonFixture.Result(), Path.Combine(_dir.FullName, "out"),
            new ReportAssets { TrainingCurves = [("empty", emptyCsv), ("full", Write("d.csv", "epoch,train_loss", "1,0.5"))] });
        Assert.IsFalse(output.Figures.Any(f => f.Title.Contains("empty", StringComparison.Ordinal)), "a curve with no value draws no figure");
        Assert.IsTrue(output.Figures.Any(f => f.Title == "Training curve: full"));
    }

    [TestMethod]
    public void GridPicksTheMostConfidentlyWrongAndTheMostUncertain()
    {
        // idx: expert, predicted, p            note
        // 0:   0, 0, [.90 .10]                 right
        // 1:   0, 1, [.30 .70]                 wrong at .70
        // 2:   1, 0, [.95 .05]                 wrong at .95: most confidently wrong
        // 3:   1, 1, [.45 .55]                 right, uncertain
        // 4:   0, 1, [.48 .52]                 wrong at .52, most uncertain
        // 5:   0, 0, [.99 .01]                 right and the most confident overall: never "wrong"
        // 6:   0, 1, [.85 .15]                 wrong by a 0.1 threshold: only .15 on its predicted class
        int[] expert = [0, 0, 1, 1, 0, 0, 0], predicted = [0, 1, 0, 1, 1, 0, 1];
        float[][] p = [[.90f, .10f], [.30f, .70f], [.95f, .05f], [.45f, .55f], [.48f, .52f], [.99f, .01f], [.85f, .15f]];

        CollectionAssert.AreEqual(new[] { 2, 1 }, ExampleSelection.ConfidentlyWrong(expert, predicted, p, 2).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 1, 4, 6 }, ExampleSelection.ConfidentlyWrong(expert, predicted, p, 10).ToArray());
        CollectionAssert.AreEqual(new[] { 4, 3 }, ExampleSelection.MostUncertain(p, 2).ToArray());
        Assert.IsEmpty(ExampleSelection.ConfidentlyWrong(expert, expert, p, 3), "nothing wrong, nothing picked");
        Assert.ThrowsExactly<ArgumentException>(() => ExampleSelection.ConfidentlyWrong(expert, predicted[..3], p, 2));
    }

    [TestMethod]
    public void LearningCurvesKeepCzslAndTheBestFinalMeans()
    {
        var series = new List<LearningCurveSeries> { Series("CzSL", true, 0.70) };
        series.AddRange(Enumerable.Range(0, 7).Select(i => Series($"m{i}", false, 0.71 + 0.01 * i)));

        var kept = LearningCurves.Select(MetricNames.Accuracy, series);
        CollectionAssert.AreEqual(new[] { "CzSL", "m6", "m5", "m4", "m3", "m2" }, kept.Select(s => s.Method).ToArray());
        var lowerIsBetter = LearningCurves.Select(MetricNames.LogLoss, series);
        CollectionAssert.AreEqual(new[] { "CzSL", "m0", "m1", "m2", "m3", "m4" }, lowerIsBetter.Select(s => s.Method).ToArray());

        var model = LearningCurves.Create("lc", MetricNames.Accuracy, series);
        var x = (LogarithmicAxis)model.Axes.Single(a => a.Position == AxisPosition.Bottom);
        Assert.AreEqual("expert labels", x.Title);
        Assert.AreEqual(LegendPlacement.Outside, model.Legends.Single().LegendPlacement);
        Assert.AreEqual(6, model.Series.OfType<LineSeries>().Count(s => s.RenderInLegend));
        var whiskers = model.Series.OfType<LineSeries>().Where(s => !s.RenderInLegend).First();
        var ci = series[0].Points[1].Value;
        // The whisker stands where its method's marker is: at 100 labels, nudged sideways like the line's point.
        var marker = model.Series.OfType<LineSeries>().First(s => s.RenderInLegend).Points.Single(pt => pt.Y == ci.Mean).X;
        Assert.AreEqual(100, marker, 100 * 0.1, "nudged by a few percent at most");
        var vertical = whiskers.Points.Where(pt => pt.X == marker).Select(pt => pt.Y).ToArray();
        CollectionAssert.AreEqual(new[] { ci.Low, ci.High }, vertical);
        Assert.ThrowsExactly<ArgumentException>(() => LearningCurves.Create("lc", MetricNames.Accuracy, [new LearningCurveSeries("x", false, [new(0, ci)])]));
    }

    [TestMethod]
    public void LearningCurveTableShowsMeanAndCi()
    {
        var ci = MeanCi.Of([0.8, 0.9, 0.85, 0.95]);
        List<LearningCurveSeries> series =
        [
            new("CzSL", true, [new(1000, ci), new(100, MeanCi.Of([0.5]))]),
            new("Lbfgs, pixels", false, [new(100, MeanCi.Of([0.6, 0.6]))]),
        ];

        var md = LearningCurveTable.Markdown(MetricNames.Accuracy, series).Split('\n');
        Assert.AreEqual("| Method | 100 | 1,000 |", md[2]);
        Assert.AreEqual("| CzSL | 0.500 [no CI, n = 1] | 0.875 [0.772, 0.978] |", md[4]);
        Assert.AreEqual("| Lbfgs, pixels | 0.600 [0.600, 0.600] | — |", md[5]);

        var csv = LearningCurveTable.Csv(MetricNames.Accuracy, series).Split('\n');
        Assert.AreEqual(LearningCurveTable.CsvHeader, csv[0]);
        Assert.AreEqual("accuracy,CzSL,100,1,0.5,,", csv[1]);
        StringAssert.StartsWith(csv[2], "accuracy,CzSL,1000,4,0.875,0.77");
        Assert.AreEqual("accuracy,\"Lbfgs, pixels\",100,2,0.6,0.6,0.6", csv[3]);
        Assert.ThrowsExactly<ArgumentException>(() => LearningCurveTable.Csv("accuracy", [new("x", false, [new(5, ci), new(5, ci)])]));
    }

    private static LearningCurveSeries Series(string name, bool czsl, double final) =>
        new(name, czsl, [new(10, MeanCi.Of([final - 0.2, final - 0.1])), new(100, MeanCi.Of([final - 0.02, final + 0.02, final]))]);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
