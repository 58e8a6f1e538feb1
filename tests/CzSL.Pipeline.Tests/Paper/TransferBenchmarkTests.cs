using CzSL.Data;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Tests.Transfer;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Tests.Paper;

[TestClass]
public sealed class TransferBenchmarkTests
{
    [TestMethod]
    public void RunsEveryFoldWithThePaperSplitAndRendersATable()
    {
        var records = BiasedVotes.Make(2000, seed: 3, folds: 5);
        var progress = new List<string>();

        var result = TransferBenchmark.Run(records, [], new TransferBenchmarkOptions
        {
            Methods = [TransferMethod.None, new TransferMethod(TransferKind.LbfgsMaxEnt)],
            Scenarios = [Scenario.ES],
        }, new SyncProgress(progress));

        // Training fold: 1,600 rows → L = 80, A = 320; test fold 400.
        Assert.AreEqual(5, result.Splits.Count);
        Assert.IsTrue(result.Splits.All(s => s is { L: 80, A: 320, Test: 400 }));
        Assert.AreEqual(5 * 2 * 2, result.Scores.Count);
        Assert.AreEqual(10, progress.Count);
        var none = result.Summary(Scenario.ES, "none", "test", s => s.Accuracy)!.Value;
        var lbfgs = result.Summary(Scenario.ES, "lbfgs-maxent", "test", s => s.Accuracy)!.Value;
        Assert.AreEqual(5, none.Count);
        Assert.IsTrue(lbfgs.Mean > none.Mean + 0.1, $"lbfgs {lbfgs.Mean:P1} vs none {none.Mean:P1}");
        var table = result.ToMarkdown();
        StringAssert.Contains(table, "| method | ES acc % (A) | ES acc % (test) |");
        StringAssert.Contains(table, "| lbfgs-maxent | ");
    }

    private sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) => sink.Add(value);
    }
}
