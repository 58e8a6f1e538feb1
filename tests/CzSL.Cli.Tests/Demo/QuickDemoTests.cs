using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Data.Models;

namespace CzSL.Cli.Tests.Demo;

/// <summary>
/// Runs <c>czsl demo --quick</c> end to end once (simulate → autoencoder → amateur → transfer → expert → ONNX → ML.NET
/// chain → baselines → report) and checks the report's structure and that its numbers are sane — checks a broken
/// pipeline fails.
/// </summary>
[TestClass]
public sealed class QuickDemoTests
{
    private static readonly string[] CnnMethods = ["czsl", "czsl-no-transfer", "no-autoencoder", "no-amateur", "expert-only", "amateur-only", "autoencoder+amateur"];
    private static TempFolder _out = null!;
    private static FakeReporter _reporter = null!;
    private static int _exitCode;
    private static JsonElement _report;

    [ClassInitialize]
    public static async Task RunDemo(TestContext _)
    {
        _out = new TempFolder();
        _reporter = new FakeReporter();
        _exitCode = await CzslCommand.Create(_reporter).Parse(["demo", "--quick", "--out", _out.Path]).InvokeAsync();
        var json = Path.Combine(_out.Path, "report.json");
        if (File.Exists(json)) _report = JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
    }

    [ClassCleanup]
    public static void Cleanup() => _out?.Dispose();

    [TestMethod]
    public void The_demo_succeeds_and_writes_every_report_file()
    {
        Assert.AreEqual(0, _exitCode, string.Join("\n", _reporter.Lines));
        foreach (var file in new[] { "report.md", "report.json", "report.html" })
            Assert.IsTrue(new FileInfo(Path.Combine(_out.Path, file)).Length > 500, $"{file} missing or nearly empty");
        var pngs = Directory.GetFiles(Path.Combine(_out.Path, "figures"), "*.png");
        Assert.IsTrue(pngs.Length >= 6, $"expected plots, found {pngs.Length}");
    }

    [TestMethod]
    public void The_report_has_every_method_for_all_three_scenarios()
    {
        var baselines = from trainer in new[] { "sdca", "lbfgs", "lightgbm", "fastforest" }
                        from features in new[] { "pixels", "cas", "encoder" }
                        from labels in new[] { "expert", "amateur" }
                        select $"{trainer}-{features}-{labels}";
        foreach (var scenario in new[] { "ES", "ERL", "MG" })
        {
            var methods = Methods(scenario);
            foreach (var name in CnnMethods.Concat(baselines))
                Assert.IsTrue(methods.ContainsKey(name), $"{scenario}: method {name} missing from report.json");
        }
    }

    [TestMethod]
    public void CzSL_is_well_above_chance_and_metrics_are_in_range()
    {
        var es = Methods("ES");
        var accuracy = Metric(es["czsl"], "accuracy");
        // The ES majority class is ≈60% of galaxies: a working pipeline is far above it, a broken one is not.
        Assert.IsTrue(accuracy > 0.75, $"CzSL ES accuracy {accuracy:F3} is not well above chance");
        foreach (var scenario in new[] { "ES", "ERL", "MG" })
        foreach (var (name, method) in Methods(scenario))
        {
            var value = Metric(method, "accuracy");
            Assert.IsTrue(value is >= 0 and <= 1, $"{scenario} {name}: accuracy {value} out of range");
        }
        var mgAuc = Metric(Methods("MG")["czsl"], "auc_scores");
        Assert.IsTrue(mgAuc is > 0.5 and <= 1, $"CzSL MG AUC of scores {mgAuc:F3} is not above chance");
        // The paper's AUC (of the decided labels) is the balanced accuracy of the same decisions as the G-mean.
        var labelAuc = Metric(Methods("MG")["czsl"], "auc_labels");
        var gMean = Metric(Methods("MG")["czsl"], "g_mean");
        Assert.IsTrue(labelAuc is > 0 and <= 1 && labelAuc >= gMean - 1e-9, $"AUC of labels {labelAuc:F3} must lie in (0, 1] and be ≥ the G-mean {gMean:F3} (AM ≥ GM per repeat)");
    }

    [TestMethod]
    public void Exported_models_load_with_their_hash_and_the_reported_MLNet_chain_matches_TorchSharp()
    {
        foreach (var scenario in new[] { "es", "erl", "mg" })
        {
            // Load checks the card's schema and the ONNX file's SHA-256.
            var card = ModelCard.Load(Path.Combine(_out.Path, "models", $"czsl-{scenario}.card.json"));
            Assert.AreEqual(scenario, card.Scenario!.ToString().ToLowerInvariant());
        }
        // What the demo reports for each scenario: the chain's accuracy equals TorchSharp's, max |Δp| ≤ 1e-4, no label differs.
        var chain = new Regex(@"^info: (\w+): ML\.NET chain on (\d+) test images: accuracy ([\d.]+) \(TorchSharp ([\d.]+)\), max \|Δp\| (\S+), (\d+) predicted labels differ$");
        var checks = _reporter.Lines.Select(l => chain.Match(l)).Where(m => m.Success).ToList();
        CollectionAssert.AreEquivalent(new[] { "ES", "ERL", "MG" }, checks.Select(m => m.Groups[1].Value).ToArray(), string.Join("\n", _reporter.Lines));
        foreach (var m in checks)
        {
            Assert.IsTrue(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) > 0);
            Assert.AreEqual(m.Groups[4].Value, m.Groups[3].Value, $"{m.Groups[1].Value}: ML.NET vs TorchSharp accuracy");
            Assert.IsTrue(double.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) <= 1e-4, $"{m.Groups[1].Value}: max |Δp| {m.Groups[5].Value}");
            Assert.AreEqual("0", m.Groups[6].Value, $"{m.Groups[1].Value}: predicted labels differ");
        }
    }

    private static Dictionary<string, JsonElement> Methods(string scenario)
    {
        Assert.AreNotEqual(JsonValueKind.Undefined, _report.ValueKind, "report.json was not written");
        Assert.IsTrue(_report.GetProperty("scenarios").TryGetProperty(scenario, out var s), $"scenario {scenario} missing from report.json");
        return s.GetProperty("methods").EnumerateObject().ToDictionary(m => m.Name, m => m.Value);
    }

    private static double Metric(JsonElement method, string metric) =>
        method.GetProperty("expert").GetProperty(metric).GetProperty("mean").GetDouble();
}
