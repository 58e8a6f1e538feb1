using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Tests.Reproduce;

[TestClass]
public sealed class PaperSplitRealDataTests
{
    private static PaperTables? _tables;

    private static PaperTables Tables()
    {
        var data = SharedPaperData.Find(out var reason);
        if (data is null) Assert.Inconclusive($"The paper's tables are not available: {reason}.");
        return _tables ??= PaperTables.Load(Path.Combine(data, "czsl-paper"));
    }

    [TestMethod]
    public void Fold1OfTheEsrlTableSplitsIntoThePapersLAndU()
    {
        var fold = PaperFold.Build(Tables().Esrl, 1, _ => null);
        Assert.AreEqual(32_721, fold.Training.Count.Rows);
        Assert.AreEqual(1_636, fold.L.Count.Rows);
        Assert.AreEqual(6_544, fold.A.Count.Rows);
        Assert.AreEqual(24_541, fold.U.Count.Rows);
        Assert.AreEqual(40_902 - 32_721, fold.Test.Count.Rows);
        // The sets are consecutive slices of the training file, in its order.
        Assert.AreEqual(fold.Training.Records[1_636].Id, fold.A.Records[0].Id);
        Assert.AreEqual(fold.Training.Records[1_636 + 6_544].Id, fold.U.Records[0].Id);
        Assert.AreEqual(0, fold.L.Count.WithImage);
        Assert.AreEqual(1_636, fold.L.Count.Missing);
    }

    [TestMethod]
    public void EveryFoldOfBothTablesPartitionsItsTrainingFold()
    {
        var tables = Tables();
        foreach (var table in new[] { tables.Esrl, tables.Mg })
        for (var k = 1; k <= 5; k++)
        {
            var fold = PaperFold.Build(table, k, _ => null);
            var n = fold.Training.Count.Rows;
            Assert.AreEqual(table.Records.Count, n + fold.Test.Count.Rows, $"{table.Kind} fold {k}");
            Assert.AreEqual((int)(0.05 * n), fold.L.Count.Rows, $"{table.Kind} fold {k} L");
            Assert.AreEqual((int)(0.20 * n), fold.A.Count.Rows, $"{table.Kind} fold {k} A");
            Assert.AreEqual(n, fold.L.Count.Rows + fold.A.Count.Rows + fold.U.Count.Rows, $"{table.Kind} fold {k} L+A+U");
            var test = fold.Test.Records.Select(r => r.Id).ToHashSet();
            Assert.IsFalse(fold.Training.Records.Any(r => test.Contains(r.Id)), $"{table.Kind} fold {k}: a test galaxy is in training");
        }
    }
}
