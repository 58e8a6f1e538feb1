using System.Text.Json;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Reporting;
using CzSL.Reporting.Plots;
using SkiaSharp;

namespace CzSL.Reporting.Tests;

[TestClass]
public sealed class ReportWriterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private DirectoryInfo _dir = null!;

    [TestInitialize]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("czsl-report-");

    [TestCleanup]
    public void DeleteFolder() => _dir.Delete(recursive: true);

    [TestMethod]
    public void JsonParsesBackWithTheSameNumbers()
    {
        var result = ComparisonFixture.Result();
        var output = ReportWriter.Write(result, _dir.FullName);

        using var json = JsonDocument.Parse(File.ReadAllText(output.Json));
        var es = json.RootElement.GetProperty("scenarios").GetProperty("ES");
        Assert.AreEqual("accuracy", es.GetProperty("main_metric").GetString());
        Assert.AreEqual("CzSL", es.GetProperty("ranking")[0].GetString());
        var accuracy = es.GetProperty("methods").GetProperty("CzSL").GetProperty("expert").GetProperty("accuracy");
        var summary = ScenarioSummary.Of(result.Scenarios[0]).Ranking[0].Expert[MetricNames.Accuracy];
        Assert.AreEqual(summary.Mean, accuracy.GetProperty("mean").GetDouble());
        Assert.AreEqual(summary.SdRuns, accuracy.GetProperty("sd_runs").GetDouble());
        Assert.AreEqual(summary.SdExecutions!.Value, accuracy.GetProperty("sd_executions").GetDouble());
        CollectionAssert.AreEqual(new[] { 0.9, 0.95, 0.85, 0.9 }, accuracy.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        var train = es.GetProperty("methods").GetProperty("CzSL").GetProperty("train_seconds").GetProperty("values");
        CollectionAssert.AreEqual(new[] { 1.5, 2.5, 3.5, 4.5 }, train.EnumerateArray().Select(v => v.GetDouble()).ToArray());
        var significance = es.GetProperty("significance");
        Assert.AreEqual("LightGbm (CAS)", significance.GetProperty("baseline").GetString());
        Assert.AreEqual(ScenarioSummary.Of(result.Scenarios[0]).Significance!.TTest.PValue, significance.GetProperty("p_t_test").GetDouble());
        var mg = json.RootElement.GetProperty("scenarios").GetProperty("MG-ROS");
        Assert.AreEqual("g_mean", mg.GetProperty("main_metric").GetString());
        Assert.AreEqual(JsonValueKind.Object, mg.GetProperty("methods").GetProperty("CzSL").GetProperty("truth").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, es.GetProperty("methods").GetProperty("CzSL").GetProperty("truth").ValueKind);
    }

    [TestMethod]
    public void MarkdownBoldsTheBestAndStatesSignificance()
    {
        var output = ReportWriter.Write(ComparisonFixture.Result(), _dir.FullName);
        var lines = File.ReadAllLines(output.Markdown);

        var czslRow = lines.First(l => l.StartsWith("| 1 | **CzSL** |", StringComparison.Ordinal));
        StringAssert.Contains(czslRow, "**0.900 ± 0.041**");
        var sdcaRow = lines.First(l => l.StartsWith("| 3 | Sdca (CAS) |", StringComparison.Ordinal));
        StringAssert.DoesNotMatch(sdcaRow.Split('|')[3], new System.Text.RegularExpressions.Regex(@"\*\*"));
        Assert.IsTrue(lines.Any(l => l.StartsWith("Significance (Accuracy, 4 pairs by fold and execution): CzSL − LightGbm (CAS) = +0.1000; paired t(3) = 4.899", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.StartsWith("## MG-ROS", StringComparison.Ordinal) && l.Contains("main metric: G-mean", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.StartsWith("Against the ground truth", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.StartsWith("![ES: Accuracy per method](figures/es-accuracy.", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void WritesValidPngFiguresAndASelfContainedHtml()
    {
        var csv = Path.Combine(_dir.FullName, "expert.csv");
        File.WriteAllLines(csv, ["epoch,train_loss,val_loss,val_metric,lr,seconds", "1,0.9,1.0,0.6,0.01,2.0", "2,0.6,0.8,0.7,0.01,2.1", "3,0.4,0.7,0.8,0.01,2.0"]);
        var images = Enumerable.Range(0, 3).Select(i => WriteImage(Path.Combine(_dir.FullName, $"g{i}.png"), (byte)(60 * i))).ToArray();
        var assets = new ReportAssets
        {
            TrainingCurves = [("expert fine-tuning", csv)],
            ExampleGrids = [("ES examples", images.Select((p, i) => new ExampleGalaxy(p, $"id{i}", "spiral", "spiral", "spiral", i == 0 ? "elliptical" : "spiral")).ToArray())],
        };
        var output = ReportWriter.Write(ComparisonFixture.Result(), Path.Combine(_dir.FullName, "out"), assets);

        var names = output.Figures.Select(f => Path.GetFileName(f.Path)).ToList();
        CollectionAssert.Contains(names, "es-accuracy.png");
        CollectionAssert.Contains(names, "mg-ros-g-mean.png");
        CollectionAssert.Contains(names, "es-roc.png");
        CollectionAssert.Contains(names, "erl-confusion-czsl.png");
        CollectionAssert.Contains(names, "training-expert-fine-tuning.png");
        CollectionAssert.Contains(names, "examples-es-examples.png");
        CollectionAssert.Contains(names, "es-reliability.png");
        CollectionAssert.Contains(names, "erl-reliability.png");
        Assert.IsFalse(names.Any(n => n.StartsWith("erl-roc", StringComparison.Ordinal)), "no ROC curve for three classes");
        foreach (var figure in output.Figures)
        {
            var bytes = File.ReadAllBytes(figure.Path);
            Assert.IsGreaterThan(2000, bytes.Length, figure.Path);
            CollectionAssert.AreEqual(PngSignature, bytes[..8], figure.Path);
            using var decoded = SKBitmap.Decode(bytes);
            Assert.IsNotNull(decoded, figure.Path);
        }
        var html = File.ReadAllText(output.Html);
        Assert.AreEqual(output.Figures.Count, CountOf(html, "src=\"data:image/png;base64,"));
        StringAssert.Contains(html, "<b>0.900 ± 0.041</b>");
        Assert.IsFalse(Directory.EnumerateFiles(_dir.FullName, "*.tmp", SearchOption.AllDirectories).Any(), "no temporary files left");
    }

    [TestMethod]
    public void MalformedTrainingCsvNamesFileLineAndColumn()
    {
        var csv = Path.Combine(_dir.FullName, "bad.csv");
        File.WriteAllLines(csv, ["epoch,train_loss", "1,0.5", "2,abc"]);
        var e = Assert.ThrowsExactly<ManifestFormatException>(() =>
            ReportWriter.Write(ComparisonFixture.Result(), _dir.FullName, new ReportAssets { TrainingCurves = [("bad", csv)] }));
        Assert.AreEqual((csv, 3, "train_loss"), (e.File, e.Line, e.Column));
        StringAssert.Contains(e.Message, "bad.csv line 3, column train_loss: 'abc' is not a number");
    }

    [TestMethod]
    public void TrainingCurveAcceptsASubsetOfColumns()
    {
        var csv = Path.Combine(_dir.FullName, "short.csv");
        File.WriteAllLines(csv, ["train_loss,seconds", "0.9,1", "0.5,1"]);
        var curve = TrainingCurve.Read("short", csv);
        Assert.AreEqual(2, curve.Rows);
        Assert.HasCount(1, curve.ToPlot().Series);
    }

    [TestMethod]
    public void ReliabilityShowsTheMedianRepeatsReportedEceAndNeedsPredictions()
    {
        var result = ComparisonFixture.Result();
        var output = ReportWriter.Write(result, _dir.FullName);
        var figure = output.Figures.Single(f => f.Title == "ES: reliability diagram");
        Assert.AreEqual("ES", figure.Scenario);
        // CzSL's ES repeats are right on 18, 19, 17, 18 of 20 at probability 0.8: ECE = |accuracy − 0.8| = .10, .15, .05, .10; median (lower) .10.
        var czsl = result.Scenarios[0].Methods.Single(m => m.IsCzsl).Repeats;
        CollectionAssert.AreEquivalent(new[] { 0.10, 0.15, 0.05, 0.10 }, czsl.Select(r => Math.Round(r.Expert.ExpectedCalibrationError!.Value, 6)).ToArray());
        StringAssert.Contains(File.ReadAllText(output.Markdown), "![ES: reliability diagram](figures/es-reliability.");
        var inputs = ReportWriter.ReliabilityInputs(ScenarioSummary.Of(result.Scenarios[0]));
        CollectionAssert.AreEqual(new[] { "CzSL", "LightGbm (CAS)" }, inputs.Select(i => i.Method).ToArray());
        Assert.AreEqual(0.10, inputs[0].Ece, 1e-6);
        Assert.AreEqual(CalibrationTarget.PositiveClass, inputs[0].Curve.Target);
        var erl = ReportWriter.ReliabilityInputs(ScenarioSummary.Of(result.Scenarios[1]));
        Assert.AreEqual(CalibrationTarget.TopClass, erl[0].Curve.Target);
        var drawn = erl[0].Curve.ExpectedCalibrationError;
        Assert.AreEqual(erl[0].Ece, drawn, 1e-12, "multiclass: the drawn bins give the reported ECE");

        var stripped = result with
        {
            Scenarios = result.Scenarios.Select(s => s with
            {
                Methods = s.Methods.Select(m => m with { Repeats = m.Repeats.Select(r => r with { Predictions = null }).ToList() }).ToList(),
            }).ToList(),
        };
        var without = ReportWriter.Write(stripped, Path.Combine(_dir.FullName, "without"));
        Assert.IsFalse(without.Figures.Any(f => f.Title.Contains("reliability", StringComparison.Ordinal)), "no predictions, no reliability diagram");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string WriteImage(string path, byte shade)
    {
        using var bitmap = new SKBitmap(64, 64);
        bitmap.Erase(new SKColor(shade, 80, 200));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
