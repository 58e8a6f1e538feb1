using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Reporting.Plots;
using OxyPlot.Series;

namespace CzSL.Reporting.Tests;

[TestClass]
public sealed class ReliabilityTests
{
    // Six binary examples, probabilities chosen away from the 15-bin edges (k/15):
    //   truth  p          top class / conf / hit   P(class 1) / hit
    //   0      .90 .10    0 .90 hit  (bin 13)      .10 miss (bin 1)
    //   1      .95 .05    0 .95 miss (bin 14)      .05 hit  (bin 0)
    //   1      .38 .62    1 .62 hit  (bin 9)       .62 hit  (bin 9)
    //   0      .65 .35    0 .65 hit  (bin 9)       .35 miss (bin 5)
    //   0      .30 .70    1 .70 miss (bin 10)      .70 miss (bin 10)
    //   0      .36 .64    1 .64 miss (bin 9)       .64 miss (bin 9)
    private static readonly int[] Truth = [0, 1, 1, 0, 0, 0];
    private static readonly float[][] Probabilities = [[0.90f, 0.10f], [0.95f, 0.05f], [0.38f, 0.62f], [0.65f, 0.35f], [0.30f, 0.70f], [0.36f, 0.64f]];
    private const double Tol = 1e-6;

    [TestMethod]
    public void TopClassBinsMatchHandCountsAndTheReportedEce()
    {
        var curve = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.TopClass);

        Assert.HasCount(ClassificationMetrics.CalibrationBins, curve.Bins);
        var filled = curve.Bins.Select((b, i) => (b, i)).Where(x => x.b.Count > 0).ToList();
        CollectionAssert.AreEqual(new[] { 9, 10, 13, 14 }, filled.Select(x => x.i).ToArray());
        CollectionAssert.AreEqual(new[] { 3, 1, 1, 1 }, filled.Select(x => x.b.Count).ToArray());
        var bin9 = curve.Bins[9];
        Assert.AreEqual(0.6, bin9.Lower, 1e-12);
        Assert.AreEqual(2.0 / 3, bin9.Upper, 1e-12);
        Assert.AreEqual((0.62 + 0.65 + 0.64) / 3, bin9.MeanProbability, Tol);
        Assert.AreEqual(2.0 / 3, bin9.ObservedFrequency, Tol);
        Assert.AreEqual(0.0, curve.Bins[10].ObservedFrequency);
        Assert.IsTrue(double.IsNaN(curve.Bins[0].ObservedFrequency), "an empty bin has no frequency");
        // (|2 − 1.91| + |0 − .70| + |1 − .90| + |0 − .95|) / 6
        var hand = (0.09 + 0.70 + 0.10 + 0.95) / 6;
        var ece = curve.ExpectedCalibrationError;
        Assert.AreEqual(hand, ece, Tol);
        var reported = ClassificationMetrics.Compute(Truth, Probabilities, 2).ExpectedCalibrationError!.Value;
        Assert.AreEqual(reported, ece, 1e-15);
    }

    [TestMethod]
    public void PositiveClassBinsDifferFromTopClassBins()
    {
        var curve = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.PositiveClass);

        var filled = curve.Bins.Select((b, i) => (b, i)).Where(x => x.b.Count > 0).ToList();
        CollectionAssert.AreEqual(new[] { 0, 1, 5, 9, 10 }, filled.Select(x => x.i).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 0, 0, 1, 0 }, filled.Select(x => x.b.Hits).ToArray());
        Assert.AreEqual(0.5, curve.Bins[9].ObservedFrequency, Tol);
        // (|1 − .05| + |0 − .10| + |0 − .35| + |1 − 1.26| + |0 − .70|) / 6
        var ece = curve.ExpectedCalibrationError;
        Assert.AreEqual((0.95 + 0.10 + 0.35 + 0.26 + 0.70) / 6, ece, Tol);
        var topClass = ClassificationMetrics.ExpectedCalibrationError(Truth, Probabilities);
        Assert.AreNotEqual(topClass, ece, 1e-3);
        Assert.ThrowsExactly<ArgumentException>(() => CalibrationCurve.Of([0], [[0.2f, 0.3f, 0.5f]], CalibrationTarget.PositiveClass));
    }

    [TestMethod]
    public void PoolingAddsTheBins()
    {
        var half = CalibrationCurve.Of(Truth[..3], Probabilities[..3], CalibrationTarget.TopClass);
        var rest = CalibrationCurve.Of(Truth[3..], Probabilities[3..], CalibrationTarget.TopClass);
        var all = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.TopClass);

        var pooled = half.Pool(rest);
        CollectionAssert.AreEqual(all.Bins.Select(b => (b.Count, b.Hits)).ToArray(), pooled.Bins.Select(b => (b.Count, b.Hits)).ToArray());
        Assert.AreEqual(all.ExpectedCalibrationError, pooled.ExpectedCalibrationError, 1e-12);
        Assert.ThrowsExactly<ArgumentException>(() => half.Pool(CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.PositiveClass)));
    }

    [TestMethod]
    public void DiagramDrawsTheBinsTheCountsAndTheEce()
    {
        var curve = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.TopClass);
        var model = ReliabilityDiagram.Create("test", [new ReliabilityInput("CzSL", true, curve, curve.ExpectedCalibrationError)]);

        var line = model.Series.OfType<LineSeries>().Single(s => s.Title == "CzSL");
        Assert.HasCount(4, line.Points);
        Assert.AreEqual((0.62 + 0.65 + 0.64) / 3, line.Points[0].X, Tol);
        Assert.AreEqual(2.0 / 3, line.Points[0].Y, Tol);
        var bars = model.Series.OfType<RectangleBarSeries>().Single();
        CollectionAssert.AreEqual(new[] { 3.0, 1, 1, 1 }, bars.Items.Select(b => b.Y1).ToArray());
        Assert.AreEqual(0.6, bars.Items[0].X0, 1e-12);
        var diagonal = model.Series.OfType<LineSeries>().Single(s => s.Title == "perfect calibration");
        Assert.AreEqual((0.0, 1.0), (diagonal.Points[0].X, diagonal.Points[1].Y));
        StringAssert.Contains(model.Subtitle, "CzSL: ECE 0.307");
        StringAssert.Contains(model.Subtitle, "n = 6");
    }

    [TestMethod]
    public void DiagramRejectsMixedTargets()
    {
        var top = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.TopClass);
        var positive = CalibrationCurve.Of(Truth, Probabilities, CalibrationTarget.PositiveClass);
        Assert.ThrowsExactly<ArgumentException>(() => ReliabilityDiagram.Create("t", [new("a", true, top, 0), new("b", false, positive, 0)]));
        Assert.ThrowsExactly<ArgumentException>(() => ReliabilityDiagram.Create("t", []));
    }

    [TestMethod]
    public void TheCalibrationTableShowsTemperatureAndEceBeforeAndAfterOfTheMethodsThatFittedOne()
    {
        var czsl = ComparisonFixture.Method("CzSL", 2, [18, 19], czsl: true);
        // Repeat 1: T 1.5, ECE 0.20 before; repeat 2: T 2.5, ECE 0.10 before.
        czsl = czsl with { Repeats = [czsl.Repeats[0] with { Calibration = new(1.5, 0.20, "the validation split") }, czsl.Repeats[1] with { Calibration = new(2.5, 0.10, "the validation split") }] };
        var scenario = new ScenarioResult { Scenario = Scenario.ES, Methods = [czsl, ComparisonFixture.Method("Sdca (CAS)", 2, [12, 13])] };
        var table = ReportTables.Calibration(ScenarioSummary.Of(scenario))!;

        Assert.HasCount(1, table.Rows, "only the method with a fitted temperature");
        StringAssert.Contains(table.Caption, "T fitted on the validation split)", "the title names the calibration set once");
        var row = table.Rows[0].Select(c => c.Text).ToArray();
        Assert.AreEqual("CzSL", row[0]);
        Assert.AreEqual("2.00 ± 0.71", row[1], "mean and sd of 1.5 and 2.5");
        Assert.AreEqual("0.150 ± 0.071", row[2]);
        var after = czsl.Repeats.Average(r => r.Expert.ExpectedCalibrationError!.Value);
        StringAssert.StartsWith(row[3], after.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(after < 0.15, table.Rows[0][3].Bold, "bold exactly when the ECE dropped");

        var none = new ScenarioResult { Scenario = Scenario.ES, Methods = [ComparisonFixture.Method("Sdca (CAS)", 2, [12, 13])] };
        Assert.IsNull(ReportTables.Calibration(ScenarioSummary.Of(none)), "no table without a fitted temperature");
    }
}
