using CzSL.Data.Manifest;
using CzSL.DataPrep.Simulation;

namespace CzSL.Cli.Tests.Data;

[TestClass]
public sealed class CalibrationTransferCommandTests
{
    private const string Pooled = "Vote calibration: all galaxies pooled";
    private const string Headline = "Headline figures: real mean ± sd over the paper's 5 test folds";

    [TestMethod]
    public async Task CalibrationPutsTheRealTablesBesideSimulatedGalaxies()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var markdown = tables["calibration.md"];

        var code = await DataCli.Run(reporter, "calibration", "--tables", tables.Directory, "--simulate-count", "400", "--markdown", markdown);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        // The fixture has 5 of 40 galaxies per fold voted against the expert: 87.5% in every fold; mergers all flagged.
        Assert.AreEqual("87.5%", reporter.Cell(Pooled, "ES majority agreement"));
        Assert.AreEqual("87.5%", reporter.Cell(Pooled, "ERL majority agreement"));
        Assert.AreEqual("1.000", reporter.Cell(Pooled, "MG flag G-mean"));
        Assert.AreEqual("200", reporter.Cell(Pooled, "galaxies with votes"));
        Assert.AreEqual("87.5 ± 0.0%", reporter.Cell(Headline, "ES majority agreement"));
        Assert.AreEqual("1.000 ± 0.000", reporter.Cell(Headline, "MG vote-fraction AUC"));
        Assert.AreEqual("400", reporter.Cell(Pooled, "galaxies with votes", 2), "the simulated column counts every simulated galaxy");
        var simulated = reporter.Cell(Headline, "ES majority agreement", 2);
        Assert.IsTrue(double.Parse(simulated.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) is > 50 and < 100,
            $"simulated volunteers should mostly agree with simulated experts: {simulated}");
        Assert.IsTrue(reporter.Progress.Any(p => p.Done == 400 && p.Total == 400), "the simulation step reports progress to the end");
        var text = File.ReadAllText(markdown);
        Assert.Contains("| statistic | real (paper tables) | simulated (400, seed 1) |", text);
        Assert.Contains("Produced by `czsl data calibration --tables", text);
        reporter.Said("success", markdown);
    }

    [TestMethod]
    public async Task CalibrationReadsASimulatedDatasetFolder()
    {
        using var tables = new PaperTablesFixture();
        var simulated = tables["sim"];
        DatasetManifest.Save(simulated, new GalaxySimulator(new SimulationOptions { Count = 150, ExpertFraction = 1 }).SimulateRecords());
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "calibration", "--tables", tables.Directory, "--simulated", simulated);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        Assert.AreEqual("150", reporter.Cell(Pooled, "galaxies with votes", 2));
        Assert.AreEqual("simulated (150, sim)", reporter.Tables[Pooled].Headers[2]);
    }

    [TestMethod]
    public async Task CalibrationRejectsConflictingOrOutOfRangeOptions()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput,
            await DataCli.Run(reporter, "calibration", "--tables", tables.Directory, "--simulated", tables.Directory, "--simulate-count", "10"));
        reporter.Said("error", "Give --simulated or --simulate-count, not both");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "calibration", "--tables", tables.Directory, "--simulate-count", "0"));
        reporter.Said("error", "--simulate-count must be at least 1, got 0");
        Assert.AreEqual(ExitCodes.BadInput,
            await DataCli.Run(reporter, "calibration", "--tables", tables.Directory, "--simulate-count", "10", "--expert-fraction", "1.5"));
        reporter.Said("error", "--expert-fraction must be in [0, 1], got 1.5");
    }

    [TestMethod]
    public async Task TransferBenchmarkScoresEachMethodOnEveryFold()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var markdown = tables["transfer.md"];

        var code = await DataCli.Run(reporter, "transfer-benchmark", "--tables", tables.Directory, "--methods", "none", "lbfgs-maxent",
            "--markdown", markdown);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        var title = reporter.Tables.Keys.Single(k => k.StartsWith("Label transfer vs expert", StringComparison.Ordinal));
        // "none" is the raw vote majority: 35 of 40 right in every test fold.
        Assert.AreEqual("87.5 ± 0.0", reporter.Cell(title, "none", 2));
        Assert.AreEqual("ES acc % (test)", reporter.Tables[title].Headers[2]);
        Assert.AreEqual("MG G-mean (test)", reporter.Tables[title].Headers[8]);
        Assert.AreEqual("1.000 ± 0.000", reporter.Cell(title, "none", 8), "every expert merger has a merger-vote majority");
        Assert.AreEqual("MG AUC of labels, paper (test)", reporter.Tables[title].Headers[9]);
        Assert.AreEqual("1.000 ± 0.000", reporter.Cell(title, "none", 9));
        reporter.Said("info", "MG \"AUC of labels\" is the paper's AUC");
        Assert.AreEqual(2, reporter.Tables[title].Rows.Count);
        Assert.AreEqual(3 * 5 * 2, reporter.Progress.Count(p => p.Total == 30), "one progress report per scenario, fold and method");
        reporter.Said("info", "ES: L 8 · A 32 · test 40 galaxies per fold");
        var text = File.ReadAllText(markdown);
        Assert.Contains("| lbfgs-maxent |", text);
        Assert.Contains("| MG | 5 | 8 | 35 | 44 |", text);
    }

    [TestMethod]
    public async Task TransferBenchmarkReadsTheTransformedInputsForEsAndErlOnly()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var code = await DataCli.Run(reporter, "transfer-benchmark", "--tables", tables.Directory, "--methods", "mlp",
            "--scenarios", "es", "erl", "--transfer-inputs", "transformed");
        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        var title = reporter.Tables.Keys.Single(k => k.StartsWith("Label transfer vs expert, transformed inputs", StringComparison.Ordinal));
        Assert.AreEqual("mlp+transformed", reporter.Tables[title].Rows.Single()[0]);

        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "transfer-benchmark", "--tables", tables.Directory, "--methods", "mlp",
            "--scenarios", "mg", "--transfer-inputs", "transformed"));
        reporter.Said("error", "exist for ES and ERL only");
    }

    [TestMethod]
    public async Task TransferBenchmarkRejectsUnknownMethodsAndFolds()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "transfer-benchmark", "--tables", tables.Directory, "--methods", "svm"));
        reporter.Said("error", "Unknown label-transfer method 'svm'; expected one of: none, mlp");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "transfer-benchmark", "--tables", tables.Directory, "--folds", "0", "6"));
        reporter.Said("error", "--folds: 0, 6 not a fold; the paper has folds 1–5");
    }
}
