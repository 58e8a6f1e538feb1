using System.Text.Json;
using CzSL.Cli.Commands;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Tests.Reproduce;

[TestClass]
public sealed class ReproduceCommandTests
{
    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task ASmokeRunOnTinyTablesWritesEveryMethodAndTheFoldTable()
    {
        using var fixture = new ReproduceFixture();
        var outDir = Path.Combine(fixture.Root, "out");
        var reporter = new RecordingReporter();
        var exit = await CzslCommand.Create(reporter).Parse(
        [
            "reproduce", "--scenario", "es", "--tables", fixture.Tables, "--images", fixture.Images, "--executions", "1", "--folds", "1",
            "--epochs-scale", "0.02", "--transfer", "lbfgs-maxent", "--threads", "1", "--out", outDir,
        ]).InvokeAsync();
        Assert.AreEqual(ExitCodes.Success, exit, string.Join("\n", reporter.Lines));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var strings = Strings(json.RootElement).ToHashSet();
        foreach (var (method, _) in PaperProtocol.Methods)
            Assert.Contains(method, strings, $"report.json lacks method {method}");
        var reproduction = File.ReadAllText(Path.Combine(outDir, ReproductionReport.MarkdownFile));
        // Fold 1 trains on files 2..5: 160 rows, 40 with an image; L = 8 rows (2 imaged), test 40 rows (10 imaged).
        StringAssert.Contains(reproduction, "| 1 | 160 (40/120) | 8 (2/6) | 32 (8/24) | 120 (30/90) | 40 (10/30) |");
        // The metric table leads with the paper's definitions (one execution: no sd over executions yet) and says what they are.
        StringAssert.Contains(reproduction, "| method | runs | accuracy ± sd_executions (paper) | accuracy ± sd_runs | macro-F1 ± sd_runs | train s |");
        StringAssert.Contains(reproduction, ReproductionReport.MetricDefinitions);
        Assert.IsTrue(reporter.Lines.Any(l => l.Contains(ReproductionReport.MetricDefinitions, StringComparison.Ordinal)), string.Join("\n", reporter.Lines));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("table: Projected full reproduction", StringComparison.Ordinal)), string.Join("\n", reporter.Lines));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("warn: 50 of the 200 galaxies of the Esrl table have an image", StringComparison.Ordinal)),
            string.Join("\n", reporter.Lines));
    }

    [TestMethod]
    public async Task ResamplingOutsideMgIsRefusedAsBadInput()
    {
        using var fixture = new ReproduceFixture();
        var reporter = new RecordingReporter();
        var exit = await CzslCommand.Create(reporter).Parse(
        [
            "reproduce", "--scenario", "erl", "--sampling", "ros", "--tables", fixture.Tables, "--images", fixture.Images,
            "--out", Path.Combine(fixture.Root, "out"),
        ]).InvokeAsync();
        Assert.AreEqual(ExitCodes.BadInput, exit);
        Assert.IsTrue(reporter.Lines.Any(l => l.Contains("MG scenario only", StringComparison.Ordinal)), string.Join("\n", reporter.Lines));
    }

    [TestMethod]
    public void TheScenarioMustBeGiven()
    {
        var root = CzslCommand.Create(new RecordingReporter());
        var missing = root.Parse(["reproduce", "--tables", "t", "--images", "i"]);
        Assert.IsTrue(missing.Errors.Any(e => e.Message.Contains("--scenario", StringComparison.Ordinal)),
            "reproduce has no default scenario: " + string.Join("; ", missing.Errors.Select(e => e.Message)));
        var given = root.Parse(["reproduce", "--scenario", "erl", "--tables", "t", "--images", "i"]);
        Assert.IsEmpty(given.Errors);
    }

    /// <summary>Every string value in a JSON document (decoded, so "autoencoder+amateur" is found whatever the escaping).</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
