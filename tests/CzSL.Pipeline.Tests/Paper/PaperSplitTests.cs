using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Tests.Paper;

[TestClass]
public sealed class PaperSplitTests
{
    [TestMethod]
    public void PaperSplitTruncatesLikePython()
    {
        var s = PaperSplit.Of(32_721);
        Assert.AreEqual(1_636, s.L.GetOffsetAndLength(32_721).Length);
        Assert.AreEqual((1_636, 6_544), s.A.GetOffsetAndLength(32_721));
        Assert.AreEqual((8_180, 24_541), s.U.GetOffsetAndLength(32_721));
        var (train, val) = PaperSplit.TrainValidation(1_636 + 6_544);
        Assert.AreEqual((0, 5_726), train.GetOffsetAndLength(8_180));
        Assert.AreEqual((5_726, 2_454), val.GetOffsetAndLength(8_180));
        Assert.AreEqual((0, 0), PaperSplit.TrainValidation(1).Train.GetOffsetAndLength(1));
    }

    [TestMethod]
    public void PaperSplitOnTheRealFoldOne()
    {
        var folder = SharedData.Require("czsl-paper");
        var n = Enumerable.Range(2, 4).Sum(k => File.ReadLines(Path.Combine(folder, $"GZ1_Expert-ESRL_test_{k}.csv")).Count() - 1);
        Assert.AreEqual(32_721, n);
        Assert.AreEqual(1_636, PaperSplit.Of(n).L.GetOffsetAndLength(n).Length);
    }
}
