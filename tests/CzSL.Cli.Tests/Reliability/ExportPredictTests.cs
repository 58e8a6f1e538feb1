using CzSL.Cli.Tests.Data;
using CzSL.Data.Models;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>Export writes ONNX + card as one checked unit; predict skips unreadable files instead of failing the batch.</summary>
[TestClass]
public sealed class ExportPredictTests
{
    private static ModelFixture _fx = null!;

    [ClassInitialize]
    public static async Task Init(TestContext _) => _fx = await ModelFixture.Create();

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [TestMethod]
    public async Task Exporting_a_two_class_network_as_erl_is_refused_and_the_existing_pair_stays_intact()
    {
        using var temp = new TempFolder();
        var models = temp["models"];
        await Cli.Ok("export", "--model", _fx.ModelFolder, "--scenario", "es", "--name", "m", "--out", models);
        var before = Snapshot(models);

        var (code, reporter) = await Cli.Run("export", "--model", _fx.ModelFolder, "--scenario", "erl", "--name", "m", "--out", models);

        var error = Cli.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "Scenario erl has 3 classes");
        StringAssert.Contains(error, "the network has 2 outputs");
        var after = Snapshot(models);
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after.Keys.ToArray(), "no file added or removed");
        foreach (var (name, bytes) in before) CollectionAssert.AreEqual(bytes, after[name], name);
        Assert.IsFalse(Directory.EnumerateFiles(models, "*.tmp").Any(), "no temporary file left");
        CollectionAssert.AreEqual(new[] { "elliptical", "spiral" }, ModelCard.Load(Path.Combine(models, "m.card.json")).ClassNames.ToArray());
    }

    [TestMethod]
    public async Task Predict_scores_every_readable_image_and_gives_the_unreadable_ones_an_error_row()
    {
        using var temp = new TempFolder();
        var folder = temp["images"];
        Directory.CreateDirectory(folder);
        var good = Directory.GetFiles(_fx.Images).Order().Take(20).ToList();
        foreach (var f in good) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(folder, "zz-corrupt.png"), "not an image");
        var csv = temp["predictions.csv"];

        var reporter = await Cli.Ok("predict", "--model", _fx.Card, "--out", csv, folder);

        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,error", lines[0]);
        Assert.HasCount(22, lines, "a row per image, the corrupt one included");
        Assert.AreEqual(20, lines.Skip(1).Count(l => l.Split(',')[2] is "elliptical" or "spiral"), "every good image scored");
        StringAssert.Contains(lines[^1], "zz-corrupt.png");
        StringAssert.Contains(lines[^1].Split(',')[^1], "corrupt or not in a supported image format");
        StringAssert.Contains(reporter.Said("warn", "1 of 21 images could not be read"), "zz-corrupt.png");
        Assert.HasCount(1, reporter.Lines.Where(l => l.StartsWith("info: execution provider:", StringComparison.Ordinal)).ToList());

        File.Delete(csv);
        var (failFast, fast) = await Cli.Run("predict", "--model", _fx.Card, "--out", csv, "--fail-fast", folder);
        StringAssert.Contains(Cli.Failed(failFast, fast, ExitCodes.BadInput), "zz-corrupt.png");
        Assert.IsFalse(File.Exists(csv), "--fail-fast writes nothing");
    }

    [TestMethod]
    public async Task Predict_exits_2_only_when_no_image_could_be_scored()
    {
        using var temp = new TempFolder();
        var folder = temp["bad"];
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.png"), "x");
        var whole = File.ReadAllBytes(Directory.GetFiles(_fx.Images).First());
        File.WriteAllBytes(Path.Combine(folder, "b.png"), whole[..(whole.Length / 2)]);
        var csv = temp["p.csv"];
        var (code, reporter) = await Cli.Run("predict", "--model", _fx.Card, "--out", csv, folder);
        StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.BadInput), "none of the 2 images could be read");
        var lines = File.ReadAllLines(csv);
        Assert.HasCount(3, lines, "the CSV still lists each image with its reason");
        StringAssert.Contains(lines[2], "truncated");
    }
}
