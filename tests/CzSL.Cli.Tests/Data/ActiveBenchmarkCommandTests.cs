using CzSL.Pipeline.Active;

namespace CzSL.Cli.Tests.Data;

[TestClass]
public sealed class ActiveBenchmarkCommandTests
{
    [TestMethod]
    public async Task FirstRowsAtFivePercentMatchesTheTransferBenchmarkAndPlotsAreWritten()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var markdown = tables["active.md"];

        var code = await DataCli.Run(reporter, "active-benchmark", "--tables", tables.Directory, "--scenarios", "es", "--budgets", "5", "10",
            "--strategies", "first-rows", "vote-margin", "random", "--random-seeds", "2", "--markdown", markdown, "--plots", tables["plots"]);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        var title = reporter.Tables.Keys.Single(k => k.StartsWith("ES accuracy % vs expert labels", StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { "strategy", "5%", "10%" }, reporter.Tables[title].Headers.ToArray());
        CollectionAssert.AreEqual(new[] { "first-rows", "vote-margin", "random" }, reporter.Tables[title].Rows.Select(r => r[0]).ToArray());
        Assert.AreEqual(5 * 4, reporter.Progress.Count(p => p.Total == 20), "one report per fold and run (1 + 1 + 2 runs)");
        Assert.IsTrue(File.Exists(tables["plots/active-es.png"]) || File.Exists(tables["plots/active-es.svg"]));
        Assert.Contains("| first-rows |", File.ReadAllText(markdown));

        // Independent path: the transfer benchmark's L is the first 5% of the training fold, learnt by the same model.
        var transfer = new FakeReporter();
        Assert.AreEqual(ExitCodes.Success, await DataCli.Run(transfer, "transfer-benchmark", "--tables", tables.Directory, "--scenarios", "es", "--methods", "lbfgs-maxent"));
        var reference = transfer.Tables.Keys.Single(k => k.StartsWith("Label transfer vs expert", StringComparison.Ordinal));
        Assert.AreEqual(transfer.Cell(reference, "lbfgs-maxent", 2), reporter.Cell(title, "first-rows", 1));
    }

    [TestMethod]
    public async Task ActiveBenchmarkRejectsBadBudgetsAndStrategies()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "active-benchmark", "--tables", tables.Directory, "--budgets", "0"));
        reporter.Said("error", "--budgets");
        // An unknown name fails at parse time (the typed option), before the action runs.
        Assert.AreNotEqual(ExitCodes.Success, await DataCli.Run(reporter, "active-benchmark", "--tables", tables.Directory, "--strategies", "oracle"));
        Assert.AreEqual(ActiveStrategy.Committee, ActiveStrategies.Parse("Committee"));
        Assert.ThrowsExactly<ArgumentException>(() => ActiveStrategies.Parse("oracle"));
    }
}
