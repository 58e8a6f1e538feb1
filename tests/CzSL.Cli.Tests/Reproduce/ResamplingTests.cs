using CzSL.Data.Splits;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Tests.Reproduce;

[TestClass]
public sealed class ResamplingTests
{
    // 93 negatives, 7 positives: about the MG imbalance.
    private static readonly int[] Labels = Enumerable.Range(0, 100).Select(i => i % 14 == 3 ? 1 : 0).ToArray();

    [TestMethod]
    public void OverSamplingBalancesToTwiceTheLargestClassAndKeepsEveryRow()
    {
        var negatives = Labels.Count(l => l == 0);
        var rows = Resampling.RandomOverSample(Labels, 7);
        Assert.AreEqual(2 * negatives, rows.Length);
        Assert.AreEqual(negatives, rows.Count(r => Labels[r] == 1));
        Assert.AreEqual(negatives, rows.Count(r => Labels[r] == 0));
        CollectionAssert.IsSubsetOf(Enumerable.Range(0, Labels.Length).ToArray(), rows.Distinct().ToArray());
    }

    [TestMethod]
    public void UnderSamplingBalancesToTwiceTheSmallestClassWithoutRepeats()
    {
        var positives = Labels.Count(l => l == 1);
        var rows = Resampling.RandomUnderSample(Labels, 7);
        Assert.AreEqual(2 * positives, rows.Length);
        Assert.AreEqual(positives, rows.Count(r => Labels[r] == 1));
        Assert.AreEqual(rows.Length, rows.Distinct().Count());
    }

    [TestMethod]
    public void TheResampledOrderIsShuffledSoTheInOrderValidationPartHoldsBothClasses()
    {
        var rows = Resampling.RandomOverSample(Labels, 11);
        var (_, validation) = PaperSplit.TrainValidation(rows.Length);
        var positives = rows[validation].Count(r => Labels[r] == 1);
        Assert.IsTrue(positives > 0.3 * rows[validation].Length && positives < 0.7 * rows[validation].Length,
            $"validation part has {positives} positives of {rows[validation].Length}");
    }
}
