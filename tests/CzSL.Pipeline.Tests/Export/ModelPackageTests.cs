using CzSL.Data;
using CzSL.Data.Models;
using CzSL.Pipeline.Export;
using CzSL.Training;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using static TorchSharp.torch;

namespace CzSL.Pipeline.Tests.Export;

/// <summary>Export writes NAME.onnx + NAME.card.json as one unit: a failure at any step leaves the previous pair as it was.</summary>
[TestClass]
public sealed class ModelPackageTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Init()
    {
        TorchRuntime.Initialise(2, "cpu");
        _folder = Directory.CreateTempSubdirectory("czsl-package-").FullName;
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private static CzslClassifier Network(int seed)
    {
        TorchRuntime.Seed(seed);
        return new CzslClassifier(Preset.Small.Network(2, 16));
    }

    private Dictionary<string, byte[]> Files() =>
        Directory.GetFiles(_folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [TestMethod]
    public void A_failure_after_the_onnx_file_was_written_leaves_the_previous_pair_intact()
    {
        using (var first = Network(1))
            ModelPackage.ExportClassifier(first, _folder, "m", Scenario.ES, new Dictionary<string, long>(), new Dictionary<string, double>());
        var before = Files();
        Assert.HasCount(2, before);

        // Parity on images of the wrong shape fails after the new ONNX file has been written (to its temporary name).
        using var second = Network(2);
        using var wrongShape = zeros(2, 3, 5, 5);
        Assert.Throws<Exception>(() => ModelPackage.ExportClassifier(second, _folder, "m", Scenario.ES,
            new Dictionary<string, long>(), new Dictionary<string, double>(), wrongShape));

        var after = Files();
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after.Keys.ToArray(), "no temporary or extra file left");
        foreach (var (name, bytes) in before) CollectionAssert.AreEqual(bytes, after[name], name);
        Assert.IsNotNull(ModelCard.Load(Path.Combine(_folder, "m.card.json")), "the old pair still verifies");

        // Negative control: the same export without the bad images replaces the pair.
        var replaced = ModelPackage.ExportClassifier(second, _folder, "m", Scenario.ES, new Dictionary<string, long>(), new Dictionary<string, double>());
        CollectionAssert.AreNotEqual(before["m.onnx"], File.ReadAllBytes(Path.Combine(_folder, "m.onnx")));
        Assert.AreEqual(ModelCard.ComputeSha256(Path.Combine(_folder, "m.onnx")), replaced.Card.OnnxSha256);
    }

    [TestMethod]
    public void A_scenario_whose_class_count_differs_from_the_network_is_refused_before_anything_is_written()
    {
        using var network = Network(1);
        var e = Assert.ThrowsExactly<ArgumentException>(() => ModelPackage.ExportClassifier(network, _folder, "m", Scenario.ERL,
            new Dictionary<string, long>(), new Dictionary<string, double>()));
        StringAssert.Contains(e.Message, "Scenario erl has 3 classes");
        Assert.IsEmpty(Directory.GetFiles(_folder));
    }

    [TestMethod]
    public void The_exported_onnx_file_carries_the_card_so_it_is_usable_alone()
    {
        using var network = Network(3);
        var exported = ModelPackage.ExportClassifier(network, _folder, "m", Scenario.ES, new Dictionary<string, long> { ["train_images"] = 12 },
            new Dictionary<string, double>(), about: ExportAbout.Of(Scenario.ES, null));
        var onnx = Path.Combine(_folder, "m.onnx");
        var fromOnnx = MLNet.Scoring.OnnxModelCard.Read(onnx);

        CollectionAssert.AreEqual(new[] { "elliptical", "spiral" }, fromOnnx.ClassNames.ToArray());
        Assert.AreEqual(exported.Card.Input, fromOnnx.Input);
        Assert.AreEqual(16, fromOnnx.Input.Width);
        Assert.AreEqual(1f / 255f, fromOnnx.Input.PixelScale);
        Assert.AreEqual(Scenario.ES, fromOnnx.Scenario);
        Assert.AreEqual("MIT", fromOnnx.About!.License);
        Assert.AreEqual(12L, fromOnnx.TrainingData["train_images"]);
        Assert.AreEqual(exported.Card.CreatedUtc, fromOnnx.CreatedUtc);
        Assert.AreEqual(ModelCard.ComputeSha256(onnx), exported.Card.OnnxSha256, "the card's hash is of the file with the metadata");
        Assert.AreEqual(exported.Card.OnnxSha256, fromOnnx.OnnxSha256);
    }

    [TestMethod]
    public void The_temperature_divides_the_logits_in_the_onnx_graph_and_is_on_the_card()
    {
        using var network = Network(4);
        network.Temperature = 2.5;
        var exported = ModelPackage.ExportClassifier(network, _folder, "m", Scenario.ES, new Dictionary<string, long>(), new Dictionary<string, double>());
        Assert.AreEqual(2.5, exported.Card.Temperature);
        Assert.AreEqual(2.5, MLNet.Scoring.OnnxModelCard.Read(Path.Combine(_folder, "m.onnx")).Temperature, "the ONNX metadata carries it too");
        Assert.IsTrue(exported.Parity.MaxAbsDifference <= ModelPackage.Tolerance, exported.Parity.ToString());

        // ONNX Runtime's probabilities against softmax(logits / 2.5) computed here from TorchSharp's logits.
        var random = new Random(9);
        var pixels = Enumerable.Range(0, 4 * 3 * 16 * 16).Select(_ => random.NextSingle()).ToArray();
        using var input = tensor(pixels, [4, 3, 16, 16]);
        float[][] logits;
        using (no_grad())
        {
            network.eval();
            using var z = network.forward(Training.Modules.ChannelsLast.Ensure(input));
            logits = [.. Enumerable.Range(0, 4).Select(i => z[i].data<float>().ToArray())];
        }
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(_folder, "m.onnx"));
        using var ortInput = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(pixels, [4, 3, 16, 16]);
        using var results = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["image"], [ortInput], ["probabilities"]);
        var onnx = results[0].GetTensorDataAsSpan<float>().ToArray();
        var unscaledDiffers = false;
        for (var i = 0; i < 4; i++)
        {
            var scaled = Data.Metrics.TemperatureScaling.Softmax(logits[i], 2.5);
            var plain = Data.Metrics.TemperatureScaling.Softmax(logits[i], 1);
            for (var k = 0; k < 2; k++)
            {
                Assert.AreEqual(scaled[k], onnx[i * 2 + k], 1e-4, $"image {i} class {k}");
                unscaledDiffers |= Math.Abs(plain[k] - onnx[i * 2 + k]) > 1e-3;
            }
        }
        Assert.IsTrue(unscaledDiffers, "negative control: the unscaled softmax differs from the export's probabilities");
    }

    [TestMethod]
    public void A_training_record_holds_the_counts_and_the_best_epochs_validation_figures()
    {
        var history = new Training.Loop.TrainingResult(
        [
            new(1, 1.0, 0.9, 0.50, 1e-3, 1, 1),
            new(2, 0.8, 0.7, 0.60, 1e-3, 1, 1),
            new(3, 0.6, 0.8, 0.55, 1e-3, 1, 1),
        ], BestEpoch: 2, StoppedEarly: false, ResumedFromEpoch: 0);
        TrainingRunRecord.Of(Scenario.MG, "ExpertFineTuning", history, 30, 8, "gmean").Write(_folder);
        var read = TrainingRunRecord.Read(_folder)!;

        Assert.AreEqual("mg", read.Task);
        Assert.AreEqual(30L, read.TrainingData["train_images"]);
        Assert.AreEqual(8L, read.TrainingData["validation_images"]);
        Assert.AreEqual(0.7, read.Metrics["validation_loss"]);
        Assert.AreEqual(0.60, read.Metrics["validation_gmean"]);
        Assert.AreEqual(2.0, read.Metrics["best_epoch"]);
        Assert.IsNull(TrainingRunRecord.Read(Path.Combine(_folder, "none")), "a folder without a record has none");
        File.WriteAllText(Path.Combine(_folder, TrainingRunRecord.FileName), "{ not json");
        StringAssert.Contains(Assert.Throws<InvalidDataException>(() => TrainingRunRecord.Read(_folder)).Message, TrainingRunRecord.FileName);
    }
}
