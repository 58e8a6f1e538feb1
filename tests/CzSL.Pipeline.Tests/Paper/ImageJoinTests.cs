using CzSL.Data.Manifest;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Tests.Paper;

[TestClass]
public sealed class ImageJoinTests
{
    [TestMethod]
    public void JoinsImagesConsensusAndTables()
    {
        using var fixture = new PaperFixture();
        var images = Path.Combine(fixture.Directory, "images");
        Directory.CreateDirectory(images);
        foreach (var name in new[] { "1011.jpeg", "2012.jpeg", "999.png", "notes.txt" }) File.WriteAllBytes(Path.Combine(images, name), [1]);
        var labels = Path.Combine(fixture.Directory, "labels.csv");
        File.WriteAllText(labels, "objid,gz1_class,gz1_class_name,image\n1011,0,elliptical,images/1011.jpeg\n2012,5,merger,images/2012.jpeg\n777,3,edge_on,images/777.jpeg\n");
        var output = Path.Combine(fixture.Directory, "joined");

        var result = ImageJoin.Run(new ImageJoinOptions(images, output, labels, fixture.Directory));

        Assert.AreEqual(new ImageJoinSummary(Images: 3, WithConsensus: 2, WithVotes: 2, WithExpertES: 1, WithExpertERL: 1,
            WithExpertMG: 2, ExpertMergers: 1, LabelsWithoutImage: 1), result.Summary);
        var records = ManifestCsv.Read(result.ManifestPath!).ToDictionary(r => r.Id);
        Assert.AreEqual("../images/1011.jpeg", records["1011"].Image);
        Assert.AreEqual(("elliptical", "elliptical", "non_merger"), (records["1011"].Consensus, records["1011"].ExpertERL, records["1011"].ExpertMG));
        Assert.AreEqual("merger", records["2012"].Consensus);
        Assert.IsNull(records["999"].Votes);
        Assert.IsTrue(File.Exists(Path.Combine(output, records["999"].Image!)));
    }

    [TestMethod]
    public void BadLabelsRowNamesLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), "czsl-labels-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "objid,gz1_class,gz1_class_name,image\n1,0,elliptical,a\n2,1,edge_on,b\n");
        try
        {
            var e = Assert.ThrowsExactly<ManifestFormatException>(() => ImageJoin.ReadLabels(path));
            Assert.AreEqual((3, "gz1_class_name"), (e.Line, e.Column));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
