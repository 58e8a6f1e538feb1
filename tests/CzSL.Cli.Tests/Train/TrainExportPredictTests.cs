using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Data.Models;

namespace CzSL.Cli.Tests.Train;

/// <summary>The stage verbs one after another on a tiny simulated dataset: train → export → predict.</summary>
[TestClass]
public sealed class TrainExportPredictTests
{
    private static readonly string[] Small = ["--preset", "small", "--size", "32", "--autoencoder-epochs", "2", "--amateur-epochs", "2", "--expert-epochs", "2", "--threads", "2"];

    [TestMethod]
    public async Task Stages_export_and_predict_run_end_to_end()
    {
        using var temp = new TempFolder();
        var reporter = new FakeReporter();
        async Task Run(params string[] args)
        {
            var code = await CzslCommand.Create(reporter).Parse(args).InvokeAsync();
            Assert.AreEqual(0, code, $"czsl {string.Join(' ', args)} failed:\n{string.Join("\n", reporter.Lines)}");
        }

        var data = temp["data"];
        var runs = temp["runs"];
        await Run("simulate", "--count", "300", "--size", "32", "--expert-fraction", "0.3", "--out", data);
        await Run(["train", "autoencoder", "--data", data, "--out", runs, .. Small]);
        await Run(["train", "amateur", "--data", data, "--out", runs, "--scenario", "es", .. Small]);
        await Run(["train", "expert", "--data", data, "--out", runs, "--scenario", "es", .. Small]);
        Assert.IsTrue(reporter.Lines.Any(l => l.Contains("test accuracy")), "the expert stage reports test metrics");

        var models = temp["models"];
        await Run("export", "--run", Path.Combine(runs, "expert-es"), "--scenario", "es", "--name", "galaxy", "--out", models);
        var card = ModelCard.Load(Path.Combine(models, "galaxy.card.json"));
        CollectionAssert.AreEqual(new[] { "elliptical", "spiral" }, card.ClassNames.ToArray());
        Assert.IsTrue(card.Metrics["onnx_parity_max_abs_diff"] <= 1e-4);

        var csv = temp["predictions.csv"];
        await Run("predict", "--model", Path.Combine(models, "galaxy.card.json"), "--out", csv, Path.Combine(data, "images"));
        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,error", lines[0]);
        Assert.AreEqual(301, lines.Length, "one row per image");
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var sum = double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual(1.0, sum, 1e-4, line);
        }
    }

    [TestMethod]
    public async Task A_missing_dataset_is_bad_input()
    {
        using var temp = new TempFolder();
        var reporter = new FakeReporter();
        var code = await CzslCommand.Create(reporter).Parse(["train", "autoencoder", "--data", temp["nowhere"], "--out", temp["runs"]]).InvokeAsync();
        Assert.AreEqual(ExitCodes.BadInput, code);
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("error:")), string.Join("\n", reporter.Lines));
    }
}
