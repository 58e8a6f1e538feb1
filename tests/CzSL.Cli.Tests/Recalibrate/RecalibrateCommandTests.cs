using System.Globalization;
using CzSL.Cli.Tests.Data;
using CzSL.Cli.Tests.Reliability;
using Czsl = CzSL.Cli.Tests.Reliability.Cli;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Models;
using CzSL.Training.Modules;
using CzSL.Training.Stages;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace CzSL.Cli.Tests.Recalibrate;

/// <summary>
/// <c>czsl recalibrate</c>: a released-like model (card + NAME.torch/) made over-confident (its output layer ×10) gets
/// a temperature above 1 fitted on another dataset's expert labels — the one <see cref="TemperatureScaling.Fit"/> gives
/// on the network's logits computed here — that lowers the cross-fitted ECE; <c>czsl export</c> of the run folder gives
/// an ONNX model whose probabilities are softmax(logits / T) of those logits. A card of other classes and a dataset
/// without expert labels are refused (exit 2) and write nothing.
/// </summary>
[TestClass]
public sealed class RecalibrateCommandTests
{
    [TestMethod]
    public async Task An_over_confident_released_model_gets_a_softening_temperature_that_export_puts_in_the_onnx_graph()
    {
        using var temp = new TempFolder();
        // Enough training (a few seconds at 16 px) for a network with signal: about 0.9 test accuracy on ES.
        string[] quick = ["--preset", "small", "--autoencoder-epochs", "2", "--amateur-epochs", "30", "--expert-epochs", "30", "--threads", "2"];

        // The "release": a 16 px network (2×2-averaged 32 px images), uncalibrated (T = 1) like models/, its output
        // layer scaled ×10, card + weights folder.
        var first = temp["first"];
        await Czsl.Ok("simulate", "--count", "600", "--size", "32", "--expert-fraction", "0.3", "--seed", "3", "--out", first);
        var runs = temp["runs"];
        await Czsl.Ok(["train", "czsl", "--data", first, "--out", runs, "--scenario", "es", "--size", "16", "--downscale", "2", .. quick]);
        var sharp = temp["sharp"];
        using (var trained = ModelFiles.LoadClassifier(Path.Combine(runs, "expert-es")))
        {
            using (no_grad())
                foreach (var (name, p) in trained.named_parameters())
                    if (name.StartsWith("classifier.", StringComparison.Ordinal)) p.mul_(10);
            trained.Temperature = 1;
            ModelFiles.Save(sharp, trained, trained.Config);
        }
        var models = temp["models"];
        await Czsl.Ok("export", "--run", sharp, "--scenario", "es", "--name", "galaxy", "--out", models);
        var card = Path.Combine(models, "galaxy.card.json");
        using var network = ModelFiles.LoadClassifier(sharp);
        ModelFiles.Save(Path.Combine(models, "galaxy.torch"), network, network.Config);

        // The user's dataset: other galaxies, with expert labels.
        var second = temp["second"];
        await Czsl.Ok("simulate", "--count", "240", "--size", "32", "--expert-fraction", "0.5", "--seed", "4", "--out", second);
        var output = temp["recalibrated"];
        var said = await Czsl.Ok("recalibrate", "--from", card, "--data", second, "--scenario", "es", "--out", output, "--threads", "2");

        // Expected T: TemperatureScaling.Fit on the network's logits for the expert-labelled galaxies, computed here.
        var manifest = DatasetManifest.Load(second);
        var rows = Enumerable.Range(0, manifest.Records.Count).Where(i => manifest.Records[i].ExpertES is not null).ToArray();
        var labels = rows.Select(i => ScenarioClasses.IndexOf(Scenario.ES, manifest.Records[i].ExpertES!)).ToArray();
        var store = ImageStore.Decode(manifest, network.Config.Preprocessing);
        var logits = ClassifierStage.Logits(network, store, rows);
        var targets = labels.Select(l => l == 0 ? new float[] { 1, 0 } : [0, 1]).ToArray();
        var expected = TemperatureScaling.Fit(logits, targets);
        Assert.IsFalse(TemperatureScaling.IsAtBound(expected), $"the fixture's network must carry signal (T = {expected}; accuracy {logits.Select((z, i) => (z[1] > z[0] ? 1 : 0) == labels[i] ? 1.0 : 0).Average():F3})");
        var written = ModelFiles.LoadTemperature(output);
        Assert.AreEqual(expected, written, 1e-9, "the run folder's T is the fit on the network's logits");
        Assert.IsGreaterThan(1.0, written, "a network made over-confident is softened");

        var table = said.Tables.Keys.Single(k => k.StartsWith("Temperature refit", StringComparison.Ordinal));
        StringAssert.Contains(table, $"{rows.Length} expert-labelled galaxies");
        double Ece(string row) => double.Parse(said.Cell(table, row, 3), CultureInfo.InvariantCulture);
        Assert.IsLessThan(Ece("cross-fitted, model's T"), Ece("cross-fitted, T of the other half"), "the held-out (cross-fitted) ECE drops");
        var eceBefore = ClassificationMetrics.ExpectedCalibrationError(labels, [.. logits.Select(z => TemperatureScaling.Softmax(z, 1))]);
        Assert.AreEqual(eceBefore, Ece("in-sample, model's T"), 5e-4, "the in-sample ECE at the model's T, recomputed here");

        // Export the run folder: the ONNX probabilities are softmax(logits / T) of the TorchSharp logits.
        var models2 = temp["models2"];
        await Czsl.Ok("export", "--run", output, "--scenario", "es", "--name", "recalibrated", "--out", models2);
        var exported = ModelCard.Load(Path.Combine(models2, "recalibrated.card.json"));
        Assert.AreEqual(written, exported.Temperature!.Value, 1e-12);
        Assert.AreEqual(rows.Length, exported.TrainingData["recalibration_labelled"]);
        StringAssert.Contains(exported.About!.TrainedOn, $"refitted on the {rows.Length} galaxies");
        Assert.AreEqual(ModelCard.Load(card).About!.License, exported.About.License, "the source card's licence is kept");
        Assert.AreEqual(ModelCard.Load(card).About!.Citation, exported.About.Citation, "the source card's citation is kept");

        var side = store.Size;
        var pixels = new float[rows.Length * 3 * side * side];
        for (var n = 0; n < rows.Length; n++)
        {
            var image = store.Image(rows[n]);
            for (var c = 0; c < 3; c++)
            for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
                pixels[((n * 3 + c) * side + y) * side + x] = image[(y * side + x) * 3 + c] / 255f;
        }
        using var session = new InferenceSession(Path.Combine(models2, "recalibrated.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [rows.Length, 3, side, side]);
        using var results = session.Run(new RunOptions(), ["image"], [input], ["probabilities"]);
        var onnx = results[0].GetTensorDataAsSpan<float>().ToArray();
        var maxDifference = 0.0;
        var plainDiffers = false;
        for (var n = 0; n < rows.Length; n++)
        {
            var scaled = TemperatureScaling.Softmax(logits[n], written);
            var plain = TemperatureScaling.Softmax(logits[n], 1);
            for (var k = 0; k < 2; k++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(scaled[k] - onnx[n * 2 + k]));
                plainDiffers |= Math.Abs(plain[k] - onnx[n * 2 + k]) > 1e-3;
            }
        }
        Assert.IsLessThanOrEqualTo(1e-5, maxDifference, "ONNX probabilities = softmax(logits / T_new)");
        Assert.IsTrue(plainDiffers, "negative control: softmax(logits) at T = 1 is not what the graph gives");
    }

    [TestMethod]
    public async Task A_card_of_other_classes_or_a_dataset_without_expert_labels_is_refused_and_nothing_is_written()
    {
        using var fx = await ModelFixture.Create();
        ModelFiles.Save(Path.Combine(fx.Models, "es.torch"), ModelFiles.LoadClassifier(fx.ModelFolder), ModelFiles.LoadConfig(fx.ModelFolder));

        var erl = fx.Temp["erl-out"];
        var (code, reporter) = await Czsl.Run("recalibrate", "--from", fx.Card, "--data", fx.Data, "--scenario", "erl", "--out", erl);
        var error = Czsl.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "es.card.json");
        StringAssert.Contains(error, "ERL");
        Assert.IsFalse(Directory.Exists(erl), "nothing written");

        var unlabelled = fx.Temp["unlabelled"];
        await Czsl.Ok("simulate", "--count", "24", "--size", $"{ModelFixture.Size}", "--expert-fraction", "0", "--out", unlabelled);
        var none = fx.Temp["none-out"];
        (code, reporter) = await Czsl.Run("recalibrate", "--from", fx.Card, "--data", unlabelled, "--scenario", "es", "--out", none);
        error = Czsl.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "manifest.csv");
        StringAssert.Contains(error, "expert ES label");
        Assert.IsFalse(Directory.Exists(none), "nothing written");

        Directory.Delete(Path.Combine(fx.Models, "es.torch"), recursive: true);
        (code, reporter) = await Czsl.Run("recalibrate", "--from", fx.Card, "--data", fx.Data, "--scenario", "es", "--out", none);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "has no TorchSharp weights");
        Assert.IsFalse(Directory.Exists(none), "nothing written");
    }
}
