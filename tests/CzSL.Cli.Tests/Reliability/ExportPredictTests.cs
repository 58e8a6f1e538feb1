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

    [TestMethod]
    public async Task An_mc_dropout_export_gives_predict_an_epistemic_column_that_shards_merge()
    {
        using var temp = new TempFolder();
        var models = temp["models"];
        var reporter = await Cli.Ok("export", "--model", _fx.ModelFolder, "--scenario", "es", "--name", "mc", "--out", models, "--mc-dropout", "12", "--mc-seed", "3");
        StringAssert.Contains(reporter.Said("info", "parity mutual_information"), "max |Δ|");
        var card = ModelCard.Load(Path.Combine(models, "mc.card.json"));
        Assert.AreEqual(new MonteCarloDropout { Samples = 12, Seed = 3 }, card.MonteCarloDropout);
        var images = Directory.GetFiles(_fx.Images).Order().Take(10).ToArray();
        var csv = temp["mc.csv"];

        await Cli.Ok(["predict", "--model", Path.Combine(models, "mc.card.json"), "--out", csv, .. images]);

        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,epistemic,error", lines[0]);
        var epistemic = lines.Skip(1).Select(l => double.Parse(l.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.HasCount(10, epistemic);
        Assert.IsTrue(epistemic.All(e => e >= 0 && e <= Math.Log(2)), string.Join(", ", epistemic));
        // The plain export of the same network has the same probabilities and no epistemic column.
        var plain = temp["plain.csv"];
        await Cli.Ok(["predict", "--model", _fx.Card, "--out", plain, .. images]);
        var plainLines = File.ReadAllLines(plain);
        Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,error", plainLines[0]);
        for (var i = 1; i < lines.Length; i++)
            Assert.AreEqual(plainLines[i], string.Join(',', lines[i].Split(',').Where((_, k) => k != 6)), $"row {i}: only the epistemic column is added");

        // Two shards merge back into the unsharded CSV, epistemic column included.
        string[] shards = [temp["s0.csv"], temp["s1.csv"]];
        for (var k = 0; k < 2; k++) await Cli.Ok(["predict", "--model", Path.Combine(models, "mc.card.json"), "--shard", $"{k}/2", "--out", shards[k], .. images]);
        var merged = temp["merged.csv"];
        await Cli.Ok(["predict-merge", .. shards, "--inputs", .. images, "--out", merged]);
        CollectionAssert.AreEqual(lines, File.ReadAllLines(merged));
    }

    [TestMethod]
    public async Task Mc_dropout_export_of_a_network_without_dropout_is_refused_with_the_reason()
    {
        using var temp = new TempFolder();
        var network = temp["network"];
        var config = CzSL.Training.Presets.Preset.Paper.Network(2, 64);
        using (var model = new CzSL.Training.Modules.CzslClassifier(config)) CzSL.Training.Modules.ModelFiles.Save(network, model, config);

        var (code, reporter) = await Cli.Run("export", "--model", network, "--scenario", "es", "--out", temp["models"], "--mc-dropout", "30");

        var error = Cli.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "MC-dropout needs a network trained with dropout > 0");
        StringAssert.Contains(error, network);
        Assert.IsFalse(Directory.Exists(temp["models"]) && Directory.EnumerateFiles(temp["models"], "*.onnx").Any(), "nothing exported");
    }
}
