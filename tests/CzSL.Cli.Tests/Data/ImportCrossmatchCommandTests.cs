using CzSL.Data.Manifest;

namespace CzSL.Cli.Tests.Data;

[TestClass]
public sealed class ImportCrossmatchCommandTests
{
    [TestMethod]
    public async Task ImportTurnsFractionsIntoVotesAndKeepsPositions()
    {
        using var folder = new TempFolder();
        var images = folder["images"];
        Directory.CreateDirectory(images);
        foreach (var id in new[] { "a1", "b2", "c3" }) File.WriteAllBytes(Path.Combine(images, id + ".png"), [1]);
        File.WriteAllText(folder["labels.csv"], "id,fel,fsp,ra,dec,cls\na1,0.8,0.2,10.0,-5,0\nb2,0.1,0.9,11,-6,spiral_cw\nzz,0.5,0.5,1,1,3\n");
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "import", "--images", images, "--labels", folder["labels.csv"], "--out", folder["ds"],
            "--id-column", "id", "--image-pattern", "{id}.png", "--votes", "fel,fsp", "--ra-column", "ra", "--dec-column", "dec",
            "--consensus-column", "cls", "--skip-missing-images");

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        const string title = "Imported galaxies";
        Assert.AreEqual("2", reporter.Cell(title, "imported (label row + image)"));
        Assert.AreEqual("1", reporter.Cell(title, "label rows left out (no image)"));
        Assert.AreEqual("1", reporter.Cell(title, "images without a label row"));
        var records = DatasetManifest.Load(folder["ds"]).Records.ToDictionary(r => r.Id);
        Assert.AreEqual(new VoteCounts(32, 4, 4, 0, 0, 0), records["a1"].Votes);
        Assert.AreEqual(("elliptical", 10.0, -5.0), (records["a1"].Consensus, records["a1"].Ra, records["a1"].Dec));
        Assert.AreEqual("spiral_cw", records["b2"].Consensus);
    }

    [TestMethod]
    public async Task ImportReadsTheKaggleGz2Layout()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["img"]);
        File.WriteAllBytes(folder["img/100008.jpg"], [1]);
        File.WriteAllText(folder["solutions.csv"], "GalaxyID,Class1.1,Class1.2,Class1.3,Class2.1,Class8.6\n100008,0.4,0.55,0.05,0.15,0.1\n");
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "import", "--kaggle-gz2", "--images", folder["img"], "--labels", folder["solutions.csv"], "--out", folder["ds"]);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        Assert.AreEqual(new VoteCounts(16, 8, 8, 6, 2, 4), DatasetManifest.Load(folder["ds"]).Records.Single().Votes);
        reporter.Said("info", "do not use ERL labels");
    }

    [TestMethod]
    public async Task ImportNeedsAnIdColumnAndValidVoteColumns()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["labels.csv"], "id\n1\n");
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "import", "--images", folder.Path, "--labels", folder["labels.csv"], "--out", folder["ds"]));
        reporter.Said("error", "--id-column is required unless --kaggle-gz2 is given");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "import", "--images", folder.Path, "--labels", folder["labels.csv"],
            "--out", folder["ds"], "--id-column", "id", "--votes", "only_one"));
        reporter.Said("error", "--votes: expected 2 to 5 non-empty column names");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "import", "--images", folder.Path, "--labels", folder["labels.csv"],
            "--out", folder["ds"], "--id-column", "objid"));
        reporter.Said("error", "objid");
    }

    [TestMethod]
    public async Task CrossmatchTakesTheNearestEntryAndCountsAmbiguousMatches()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder["ds"],
            [new GalaxyRecord { Id = "r1", Ra = 10, Dec = 0 }, new GalaxyRecord { Id = "r2", Ra = 20, Dec = 0 }, new GalaxyRecord { Id = "r3" }]);
        File.WriteAllText(folder["cat.tsv"], "name\tRAJ2000\tDEJ2000\tTType\nn2\t10.0002\t0.0\t3\nn1\t10.0001\t0.0\t5\nn3\t50\t0\t1\n");
        var reporter = new FakeReporter();
        var output = folder["matches.csv"];

        var code = await DataCli.Run(reporter, "crossmatch", "--manifest", folder["ds"], "--catalog", folder["cat.tsv"], "--delimiter", "tab",
            "--id-column", "name", "--columns", "TType", "--out", output);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        CollectionAssert.AreEqual(new[] { "id,match_id,separation_arcsec,candidates,TType", "r1,n1,0.36,2,5" }, File.ReadAllLines(output));
        const string title = "Crossmatch";
        Assert.AreEqual("1", reporter.Cell(title, "matched"));
        Assert.AreEqual("1", reporter.Cell(title, "  ambiguous (several entries within the radius; nearest taken)"));
        Assert.AreEqual("1", reporter.Cell(title, "unmatched (no entry within the radius)"));
        Assert.AreEqual("1", reporter.Cell(title, "without RA/Dec (not searched)"));
        reporter.Said("success", output);
    }

    [TestMethod]
    public async Task CrossmatchRejectsABadRadiusAndAMissingCatalog()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder.Path, [new GalaxyRecord { Id = "r1", Ra = 10, Dec = 0 }]);
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "crossmatch", "--manifest", folder.Path, "--catalog", folder["none.csv"], "--out", folder["m.csv"]));
        reporter.Said("error", "--catalog: the file");
        File.WriteAllText(folder["cat.csv"], "RA,DEC\n10,0\n");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "crossmatch", "--manifest", folder.Path, "--catalog", folder["cat.csv"],
            "--radius", "0", "--out", folder["m.csv"]));
        reporter.Said("error", "--radius must be in [0.001, 36000], got 0");
    }
}
