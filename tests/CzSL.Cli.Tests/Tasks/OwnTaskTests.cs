using System.Globalization;
using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Cli.Tests.Reliability;
using CzSL.Data;
using CliRun = CzSL.Cli.Tests.Reliability.Cli;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using SkiaSharp;

namespace CzSL.Cli.Tests.Tasks;

/// <summary>
/// A user's own binary task (rings vs discs, classes <c>no_ring</c> / <c>ring</c>) imported from class folders runs
/// compare → export → predict, and the report, the cards and the predictions carry its names.
/// </summary>
[TestClass]
public sealed class OwnTaskTests
{
    private const int PerClass = 30;
    private static readonly string[] Tiny =
        ["--preset", "small", "--size", "32", "--repeats", "1", "--autoencoder-epochs", "1", "--amateur-epochs", "1", "--expert-epochs", "1",
         "--baselines", "none", "--threads", "2"];

    [TestMethod]
    public async Task A_task_from_class_folders_runs_compare_export_and_predict()
    {
        using var temp = new TempFolder();
        var images = temp["images"];
        WriteImages(images);
        var data = temp["data"];

        await CliRun.Ok("data", "import", "--images", images, "--class-folders", "--task", "rings", "--expert-fraction", "0.3", "--seed", "1", "--out", data);
        var manifest = DatasetManifest.Load(data);
        var task = manifest.Tasks.Single();
        Assert.AreEqual("rings", task.Id);
        CollectionAssert.AreEqual(new[] { "no_ring", "ring" }, task.ClassNames.ToArray(), "classes: the folder names, sorted");
        var labels = manifest.Records.Select(r => r.Task(task)!).ToList();
        // 0.3 × 30 = 9 expert labels per class, the other 21 stay amateur; no galaxy has both.
        foreach (var name in task.ClassNames)
        {
            Assert.AreEqual(9, labels.Count(l => l.Expert == name), name);
            Assert.AreEqual(21, labels.Count(l => l.Amateur == name), name);
        }
        Assert.IsFalse(labels.Any(l => l.Expert is not null && l.Amateur is not null));
        Assert.IsTrue(manifest.Columns.Contains("expert_rings") && manifest.Columns.Contains("amateur_rings"), string.Join(",", manifest.Columns));

        // A second declared task whose columns the manifest lacks: skipped, naming the task and the column.
        var tasksJson = Path.Combine(data, TaskFile.FileName);
        File.WriteAllText(tasksJson, File.ReadAllText(tasksJson).Replace("\"tasks\": [",
            "\"tasks\": [ { \"name\": \"bars\", \"classes\": [\"bar\", \"no_bar\"] },", StringComparison.Ordinal));

        var runs = temp["runs"];
        var compare = await CliRun.Ok(["compare", "--data", data, "--out", runs, .. Tiny]);
        var said = string.Join('\n', compare.Lines);
        StringAssert.Contains(said, "bars: skipped — no bars expert labels to test on: the manifest column 'expert_bars' is missing");
        StringAssert.Contains(said, "ES: skipped — no ES expert labels to test on: the manifest column 'expert_es' is missing");

        var report = File.ReadAllText(Path.Combine(runs, "report.md"));
        StringAssert.Contains(report, "rings");
        StringAssert.Contains(report, "no_ring");
        Assert.IsFalse(report.Contains("## bars", StringComparison.Ordinal), "a skipped task has no section");
        var compared = ModelCard.Load(Path.Combine(runs, "models", "czsl-rings.card.json"));
        Assert.AreEqual("rings", compared.Scenario!.ToString());
        CollectionAssert.AreEqual(new[] { "no_ring", "ring" }, compared.ClassNames.ToArray());

        var models = temp["models"];
        await CliRun.Ok("export", "--model", Path.Combine(runs, "work", "r0", "expert-rings"), "--scenario", "rings", "--data", data, "--name", "rings", "--out", models);
        var card = ModelCard.Load(Path.Combine(models, "rings.card.json"));
        Assert.AreEqual("rings", card.Scenario!.Name());
        CollectionAssert.AreEqual(new[] { "no_ring", "ring" }, card.ClassNames.ToArray());

        var csv = temp["predictions.csv"];
        await CliRun.Ok("predict", "--model", Path.Combine(models, "rings.card.json"), "--out", csv, Path.Combine(images, "ring"));
        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,image,predicted,p_no_ring,p_ring,uncertainty,error", lines[0]);
        Assert.HasCount(PerClass + 1, lines);
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
        {
            CollectionAssert.Contains(new[] { "no_ring", "ring" }, cells[2]);
            Assert.AreEqual(1.0, double.Parse(cells[3], CultureInfo.InvariantCulture) + double.Parse(cells[4], CultureInfo.InvariantCulture), 1e-4);
        }
    }

    [TestMethod]
    public async Task An_unknown_task_name_is_bad_input_naming_the_known_ones()
    {
        using var temp = new TempFolder();
        var images = temp["images"];
        WriteImages(images, perClass: 6);
        var data = temp["data"];
        await CliRun.Ok("data", "import", "--images", images, "--class-folders", "--task", "rings", "--folder-labels", "expert", "--out", data);
        Assert.IsTrue(DatasetManifest.Load(data).Records.All(r => r.Task(DatasetManifest.Load(data).Tasks[0])!.Expert is not null));

        var (code, reporter) = await CliRun.Run(["compare", "--data", data, "--scenarios", "hoops", "--out", temp["runs"], .. Tiny]);
        var error = CliRun.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "--scenarios: Unknown scenario 'hoops': expected es, erl, mg, rings");
    }

    // Rings (an annulus) and discs (a filled circle), jittered in place, size and brightness, on a noisy background.
    private static void WriteImages(string folder, int perClass = PerClass)
    {
        var random = new Random(3);
        foreach (var (name, ring) in new[] { ("ring", true), ("no_ring", false) })
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            for (var i = 0; i < perClass; i++)
            {
                using var bitmap = new SKBitmap(32, 32);
                using (var canvas = new SKCanvas(bitmap))
                {
                    canvas.Clear(new SKColor((byte)random.Next(20), (byte)random.Next(20), (byte)random.Next(30)));
                    var level = (byte)(150 + random.Next(100));
                    using var paint = new SKPaint
                    {
                        Color = new SKColor(level, level, (byte)(level * 0.8)), IsAntialias = true,
                        Style = ring ? SKPaintStyle.Stroke : SKPaintStyle.Fill, StrokeWidth = 2.5f,
                    };
                    canvas.DrawCircle(16 + random.Next(-3, 4), 16 + random.Next(-3, 4), ring ? 8 + random.Next(3) : 4 + random.Next(3), paint);
                }
                using var image = SKImage.FromBitmap(bitmap);
                using var png = image.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(folder, name, $"{name}_{i:D3}.png"), png.ToArray());
            }
        }
    }
}
