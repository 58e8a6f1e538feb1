using CzSL.Data.Manifest;

namespace CzSL.Cli.Tests.Data;

[TestClass]
public sealed class PaperJoinCommandTests
{
    [TestMethod]
    public async Task PaperWritesBothManifestsWithFolds()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var output = tables["manifests"];

        var code = await DataCli.Run(reporter, "paper", "--tables", tables.Directory, "--out", output);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        var esrl = ManifestCsv.Read(Path.Combine(output, "esrl", ManifestCsv.FileName));
        var mg = ManifestCsv.Read(Path.Combine(output, "mg", ManifestCsv.FileName));
        Assert.AreEqual(5 * PaperTablesFixture.RowsPerFold, esrl.Count);
        Assert.AreEqual(5 * (PaperTablesFixture.RowsPerFold + PaperTablesFixture.MergersPerFold), mg.Count);
        Assert.AreEqual(3, esrl.Single(r => r.Id == PaperTablesFixture.Id(3, 0)).Fold);
        Assert.AreEqual("200", reporter.Cell("Paper manifests", "ESRL (ES, ERL)"));
        Assert.AreEqual("220", reporter.Cell("Paper manifests", "MG"));
        reporter.Said("success", Path.Combine(output, "esrl"));
    }

    [TestMethod]
    public async Task PaperFailsWithBadInputOnAMissingFolderOrABadChecksum()
    {
        using var tables = new PaperTablesFixture();
        var reporter = new FakeReporter();
        var missing = tables["no-such-folder"];
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "paper", "--tables", missing, "--out", tables["out"]));
        reporter.Said("error", $"--tables: the folder '{missing}' does not exist");

        tables.Tamper();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "paper", "--tables", tables.Directory, "--out", tables["out"]));
        reporter.Said("error", "Checksum mismatch for GZ1_Expert-ESRL_test_1.csv");
        Assert.IsFalse(Directory.Exists(tables["out"]), "nothing is written when the tables do not verify");
    }

    [TestMethod]
    public async Task JoinReportsWhatEachImageHas()
    {
        using var tables = new PaperTablesFixture();
        var images = tables["images"];
        Directory.CreateDirectory(images);
        string[] ids = [PaperTablesFixture.Id(1, 0), PaperTablesFixture.Id(2, 2), PaperTablesFixture.Id(4, 900), "123456"];
        foreach (var id in ids) File.WriteAllBytes(Path.Combine(images, id + ".jpeg"), [0xFF, 0xD8]);
        var labels = tables["labels.csv"];
        File.WriteAllText(labels, "objid,gz1_class,gz1_class_name,image\n" +
                                  $"{ids[0]},0,elliptical,images/{ids[0]}.jpeg\n{ids[2]},5,merger,images/{ids[2]}.jpeg\n999,3,edge_on,images/999.jpeg\n");
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "join", "--images", images, "--labels", labels, "--tables", tables.Directory, "--out", tables["joined"]);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        const string title = "Joined images";
        Assert.AreEqual("4", reporter.Cell(title, "images"));
        Assert.AreEqual("2", reporter.Cell(title, "with GZ1 consensus class (labels.csv)"));
        Assert.AreEqual("3", reporter.Cell(title, "with real votes (paper tables)"));
        Assert.AreEqual("2", reporter.Cell(title, "with ES expert label"));
        Assert.AreEqual("2", reporter.Cell(title, "with ERL expert label"));
        Assert.AreEqual("3", reporter.Cell(title, "with MG expert label"));
        Assert.AreEqual("1", reporter.Cell(title, "  of which expert mergers"));
        reporter.Said("warn", "1 labels.csv rows have no image");
        var records = DatasetManifest.Load(tables["joined"]).Records;
        Assert.AreEqual(4, records.Count);
        Assert.AreEqual("merger", records.Single(r => r.Id == ids[2]).Consensus);
    }

    [TestMethod]
    public async Task JoinNamesTheFileLineAndColumnOfABadLabel()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["images"]);
        File.WriteAllText(folder["labels.csv"], "objid,gz1_class,gz1_class_name,image\n1,9,elliptical,x.jpeg\n");
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "join", "--images", folder["images"], "--labels", folder["labels.csv"], "--out", folder["out"]);

        Assert.AreEqual(ExitCodes.BadInput, code);
        var error = reporter.Said("error", "labels.csv");
        Assert.Contains("line 2", error);
        Assert.Contains("gz1_class", error);
    }

    [TestMethod]
    public async Task JoinOnTheSharedDataFinds439ExpertLabelledImages()
    {
        var gz1 = SharedData.Require("gz1-sdss");
        var paper = SharedData.Require("czsl-paper");
        using var output = new TempFolder();
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "join", "--images", Path.Combine(gz1, "images"), "--labels", Path.Combine(gz1, "labels.csv"),
            "--tables", paper, "--out", output.Path);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        const string title = "Joined images";
        Assert.AreEqual(6664.ToString("N0"), reporter.Cell(title, "images"));
        Assert.AreEqual(6664.ToString("N0"), reporter.Cell(title, "with GZ1 consensus class (labels.csv)"));
        Assert.AreEqual("439", reporter.Cell(title, "with MG expert label"));
        Assert.AreEqual("407", reporter.Cell(title, "with ES expert label"));
        Assert.AreEqual("407", reporter.Cell(title, "with ERL expert label"));
        Assert.AreEqual("32", reporter.Cell(title, "  of which expert mergers"));
        Assert.AreEqual(6664, DatasetManifest.Load(output.Path).Records.Count);
    }
}
