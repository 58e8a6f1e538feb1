using CzSL.Cli.Commands;
using CzSL.Cli.Commands.Data;
using CzSL.Data.Manifest;

namespace CzSL.Cli.Tests.Data;

[TestClass]
public sealed class PositionImageCommandTests
{
    private const string Gz1Header = "OBJID,RA,DEC,NVOTE,P_EL,P_CW,P_ACW,P_EDGE,P_DK,P_MG,P_CS\n";

    [TestMethod]
    public async Task Gz1AttachesPositionsByObjIdAndListsTheUnmatched()
    {
        using var folder = new TempFolder();
        var input = folder["in"];
        Directory.CreateDirectory(Path.Combine(input, "images"));
        File.WriteAllBytes(Path.Combine(input, "images", "587001.jpeg"), [1]);
        DatasetManifest.Save(input, [new GalaxyRecord { Id = "587001", Image = "images/587001.jpeg" }, new GalaxyRecord { Id = "587002" }, new GalaxyRecord { Id = "587003" }]);
        var table = folder["gz1.csv"];
        File.WriteAllText(table, Gz1Header +
                                 "587001,00:00:12.00,+01:30:00.0,10,0.500,0.100,0.100,0.100,0.100,0.100,0.300\n" +
                                 "587002,150.25,-2.5,20,0.800,0.050,0.050,0.050,0.050,0.000,0.150\n" +
                                 "587999,1.0,1.0,10,1.000,0.000,0.000,0.000,0.000,0.000,0.000\n");
        var reporter = new FakeReporter();
        var output = folder["out"];

        var code = await DataCli.Run(reporter, "gz1", "--table", table, "--manifest", input, "--out", output);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        Assert.AreEqual("2", reporter.Cell("GZ1 positions", "matched (RA/Dec attached)"));
        Assert.AreEqual("1", reporter.Cell("GZ1 positions", "not in the GZ1 table"));
        reporter.Said("warn", "587003");
        var records = DatasetManifest.Load(output).Records.ToDictionary(r => r.Id);
        Assert.AreEqual(0.05, records["587001"].Ra!.Value, 1e-9);
        Assert.AreEqual(1.5, records["587001"].Dec!.Value, 1e-9);
        Assert.AreEqual((150.25, -2.5), (records["587002"].Ra, records["587002"].Dec));
        Assert.IsNull(records["587003"].Ra);
        Assert.AreEqual("../in/images/587001.jpeg", records["587001"].Image, "image paths follow the manifest to its new folder");
        Assert.IsNull(DatasetManifest.Load(input).Records[0].Ra, "with --out the input manifest is left as it was");
    }

    [TestMethod]
    public async Task Gz1FailsWithBadInputOnAMissingOrMalformedTable()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder.Path, [new GalaxyRecord { Id = "1" }]);
        var reporter = new FakeReporter();
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "gz1", "--table", folder["none.csv"], "--manifest", folder.Path));
        reporter.Said("error", "none.csv' does not exist");

        File.WriteAllText(folder["gz1.csv"], Gz1Header + "1,12.0,1.0,10,0.500,0.100,0.100,0.100,0.100,0.300,0.300\n");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "gz1", "--table", folder["gz1.csv"], "--manifest", folder.Path));
        var error = reporter.Said("error", "gz1.csv");
        Assert.Contains("line 2", error);
        Assert.Contains("NVOTE", error);
    }

    [TestMethod]
    public async Task ImagesFailsWithBadInputWhenTheManifestIsMissing()
    {
        using var folder = new TempFolder();
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "images", "--manifest", folder.Path, "--out", folder["out"]);

        Assert.AreEqual(ExitCodes.BadInput, code);
        reporter.Said("error", "No manifest.csv in dataset folder");
        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "images", "--manifest", folder["nowhere"], "--out", folder["out"]));
        reporter.Said("error", "--manifest: the folder");
    }

    [TestMethod]
    public async Task ImagesRejectsAnInvalidSizeBeforeReadingAnything()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder.Path, [new GalaxyRecord { Id = "1", Ra = 1, Dec = 1 }]);
        var reporter = new FakeReporter();

        Assert.AreEqual(ExitCodes.BadInput, await DataCli.Run(reporter, "images", "--manifest", folder.Path, "--out", folder["out"], "--size", "4"));

        reporter.Said("error", "Size must be in [8, 2048] pixels, got 4");
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }

    [TestMethod]
    public async Task ImagesListsGalaxiesWithoutPositionAsFailuresWithoutAnyRequest()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder.Path, [new GalaxyRecord { Id = "11" }, new GalaxyRecord { Id = "12" }]);
        var reporter = new FakeReporter();
        var output = folder["out"];

        var code = await DataCli.Run(reporter, "images", "--manifest", folder.Path, "--out", output);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        Assert.AreEqual("2", reporter.Cell("Cutout download", "failed"));
        Assert.AreEqual("NoPosition", reporter.Tables["Failures by reason"].Rows.Single()[0]);
        reporter.Said("warn", "2 of 2 galaxies have no RA/Dec");
        reporter.Said("info", "0 requests");
        var failures = File.ReadAllLines(Path.Combine(output, "download-failures.csv"));
        CollectionAssert.AreEqual(new[] { "id,reason,attempts,status,message", "11,NoPosition,0,,the record has no RA/Dec", "12,NoPosition,0,,the record has no RA/Dec" }, failures);
        Assert.AreEqual(2, DatasetManifest.Load(output).Records.Count(r => r.Image is null));
        Assert.AreEqual("0/2 · 0.0 img/s · ETA – · 0 new, 0 kept, 0 failed",
            ImagesCommand.Status(new CzSL.DataPrep.Download.DownloadProgress(0, 2, 0, 0, 0, 0, null, "")));
        Assert.AreEqual("1/3 · 2.0 img/s · ETA 1:02:03 · 1 new, 0 kept, 0 failed",
            ImagesCommand.Status(new CzSL.DataPrep.Download.DownloadProgress(1, 3, 1, 0, 0, 2, new TimeSpan(1, 2, 3), "x")));
    }

    [TestMethod]
    public async Task ImagesKeepsGoodImagesOfASharedImageFolderWithoutRequests()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["mg/images"]);
        File.WriteAllBytes(folder["mg/images/11.jpeg"], NoisyJpeg(16));
        DatasetManifest.Save(folder["esrl"], [new GalaxyRecord { Id = "11", Ra = 150.1, Dec = 2.2 }]);
        var reporter = new FakeReporter();

        var code = await DataCli.Run(reporter, "images", "--manifest", folder["esrl"], "--out", folder["esrl"], "--image-folder", "../mg/images",
            "--size", "16", "--url-template", "http://127.0.0.1:9/cutout?ra={ra}&dec={dec}&scale={scale}&width={width}&height={height}");

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        Assert.AreEqual("1", reporter.Cell("Cutout download", "already on disk and verified"));
        Assert.AreEqual("0", reporter.Cell("Cutout download", "failed"));
        reporter.Said("info", "0 requests");
        var record = DatasetManifest.Load(folder["esrl"]).Records.Single();
        Assert.AreEqual("../mg/images/11.jpeg", record.Image);
        Assert.AreEqual((150.1, 2.2), (record.Ra, record.Dec));
    }

    private static byte[] NoisyJpeg(int size)
    {
        var random = new Random(7);
        using var bitmap = new SkiaSharp.SKBitmap(size, size);
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                bitmap.SetPixel(x, y, new SkiaSharp.SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    [TestMethod]
    public void TheRootCommandHasTheDataVerbs()
    {
        var root = CzslCommand.Create(new FakeReporter());
        var data = root.Subcommands.Single(c => c.Name == "data");
        CollectionAssert.AreEqual(new[] { "paper", "join", "calibration", "transfer-benchmark", "active-benchmark", "gz1", "images", "import", "crossmatch" },
            data.Subcommands.Select(c => c.Name).ToArray());
    }
}
