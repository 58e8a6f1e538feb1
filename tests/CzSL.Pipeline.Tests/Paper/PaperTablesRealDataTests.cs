using CzSL.Data.Splits;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Tests.Paper;

/// <summary>Checks on the paper's published tables in ../shared/data (inconclusive when absent).</summary>
[TestClass]
public sealed class PaperTablesRealDataTests
{
    private static PaperTables? _tables;

    private static PaperTables Tables() => _tables ??= PaperTables.Load(SharedData.Require("czsl-paper"));

    [TestMethod]
    public void FoldSizesAndPaperSplit()
    {
        var tables = Tables();
        CollectionAssert.AreEqual(new[] { 8181, 8181, 8180, 8180, 8180 },
            Enumerable.Range(1, 5).Select(k => tables.Esrl.TestFold(k).Count).ToArray());
        Assert.AreEqual(43_779, tables.Mg.Records.Count);
        var training = tables.Esrl.TrainingOrder(1);
        Assert.AreEqual(32_721, training.Count);
        Assert.AreEqual(1_636, PaperSplit.Of(training.Count).L.GetOffsetAndLength(training.Count).Length);
        Assert.AreEqual(tables.Esrl.TestFold(2)[0].Id, training[0].Id);
    }

    [TestMethod]
    public void AmateurFactsAreReproduced()
    {
        var (esrl, mg) = Tables().Calibration();

        Assert.AreEqual(0.920, esrl.EsMajority!.Value.Mean, 0.001);
        Assert.AreEqual(0.005, esrl.EsMajority.Value.Sd, 0.001);
        Assert.AreEqual(0.911, esrl.ErlMajority!.Value.Mean, 0.001);
        Assert.AreEqual(0.627, esrl.CleanCoverage!.Value.Mean, 0.001);
        Assert.AreEqual(0.958, esrl.CleanAgreement!.Value.Mean, 0.001);
        Assert.AreEqual(0.607, esrl.EsMajorityClassBaseline!.Value.Mean, 0.001);
        Assert.AreEqual(0.788, mg.MergerGMean!.Value.Mean, 0.001);
        Assert.AreEqual(0.993, mg.MergerAuc!.Value.Mean, 0.001);
    }

    [TestMethod]
    public void ImageJoinCounts()
    {
        var images = SharedData.Require(Path.Combine("gz1-sdss", "images"));
        var labels = Path.Combine(SharedData.Require("gz1-sdss"), "labels.csv");
        var output = Path.Combine(Path.GetTempPath(), "czsl-join-" + Guid.NewGuid().ToString("N"));

        var summary = ImageJoin.Join(images, output, labels, Tables()).Summary;

        Assert.AreEqual(new ImageJoinSummary(Images: 6_664, WithConsensus: 6_664, WithVotes: 439, WithExpertES: 407,
            WithExpertERL: 407, WithExpertMG: 439, ExpertMergers: 32, LabelsWithoutImage: 0), summary);
    }
}
