using CzSL.Data.Models;
using CzSL.Training.Modules;
using CzSL.Training.Onnx;
using CzSL.Training.Stages;
using CzSL.Training.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

/// <summary>
/// MC-dropout in TorchSharp (<see cref="MonteCarloHead"/>, <see cref="ClassifierStage.PredictMonteCarlo"/>) and in the
/// exported ONNX graph: hand-computed statistics, a dropout-free negative control, determinism, and ONNX = TorchSharp.
/// </summary>
[TestClass]
public sealed class MonteCarloDropoutTests
{
    private static readonly NetworkConfig Tiny = NetworkConfig.Small(2, 16) with { EncoderChannels = [8, 8], HiddenUnits = [16], Dropout = 0.5 };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Two_opposite_certain_samples_have_mutual_information_log_2_and_identical_samples_none()
    {
        using var scope = torch.NewDisposeScope();
        // Image 0: samples (1, 0) and (0, 1); image 1: (0.7, 0.3) twice; image 2: (0.9, 0.1) and (0.5, 0.5).
        var samples = torch.tensor(new float[] { 1, 0, 0.7f, 0.3f, 0.9f, 0.1f, 0, 1, 0.7f, 0.3f, 0.5f, 0.5f }, [2, 3, 2]);
        var output = MonteCarloHead.Summarise(samples);
        var mean = output.Probabilities.data<float>().ToArray();
        var entropy = output.Entropy.data<float>().ToArray();
        var information = output.MutualInformation.data<float>().ToArray();

        CollectionAssert.AreEqual(new long[] { 3, 2 }, output.Probabilities.shape);
        CollectionAssert.AreEqual(new long[] { 3, 1 }, output.MutualInformation.shape);
        Assert.AreEqual(0.5, mean[0], 1e-7);
        Assert.AreEqual(Math.Log(2), entropy[0], 1e-6);
        Assert.AreEqual(Math.Log(2), information[0], 1e-6, "H(0.5, 0.5) − mean(H(1, 0), H(0, 1)) = log 2 − 0");
        Assert.AreEqual(0.6108643020548935, entropy[1], 1e-6, "−(0.7 ln 0.7 + 0.3 ln 0.3)");
        Assert.AreEqual(0, information[1], 1e-7, "identical samples carry no epistemic uncertainty");
        Assert.AreEqual(0.10174922507919681, information[2], 1e-6, "H(0.7, 0.3) − (H(0.9, 0.1) + H(0.5, 0.5)) / 2");
    }

    [TestMethod]
    public void A_network_without_dropout_is_refused_with_the_message()
    {
        using var model = new CzslClassifier(NetworkConfig.Paper(2));
        var e = Assert.ThrowsExactly<ArgumentException>(() => new MonteCarloHead(model, new MonteCarloDropout()));
        StringAssert.Contains(e.Message, "MC-dropout needs a network trained with dropout > 0");
        using var folder = new OnnxTempFolder();
        Assert.ThrowsExactly<ArgumentException>(() => OnnxExporter.ExportClassifier(model, folder.File("m.onnx"), monteCarlo: new MonteCarloDropout()));
        Assert.IsFalse(File.Exists(folder.File("m.onnx")));
    }

    [TestMethod]
    public void Dropout_near_zero_gives_no_mutual_information_and_the_deterministic_probabilities()
    {
        var (store, _) = SyntheticImages.Create(12, 16);
        var indices = Enumerable.Range(0, 12).ToArray();
        var settings = new MonteCarloDropout { Samples = 10, Seed = 3 };

        // Negative control: with p = 1e-9 every mask keeps every unit, so the samples are identical.
        using var quiet = Network(Tiny with { Dropout = 1e-9 }, seed: 4);
        var control = ClassifierStage.PredictMonteCarlo(quiet, store, indices, settings);
        var deterministic = ClassifierStage.Predict(quiet, store, indices);
        Assert.IsTrue(control.MutualInformation.All(i => i >= 0 && i <= 1e-6), string.Join(", ", control.MutualInformation));
        for (var i = 0; i < indices.Length; i++)
            for (var k = 0; k < 2; k++) Assert.AreEqual(deterministic[i][k], control.Probabilities[i][k], 1e-5, $"image {i}");

        // The same weights with p = 0.5: the samples disagree somewhere, and the statistics stay in range.
        using var noisy = Network(Tiny, seed: 4);
        var mc = ClassifierStage.PredictMonteCarlo(noisy, store, indices, settings);
        TestContext.WriteLine($"mutual information: {string.Join(", ", mc.MutualInformation.Select(v => v.ToString("G3")))}");
        Assert.IsTrue(mc.MutualInformation.Max() > 1e-4, "p = 0.5 should make the samples disagree");
        for (var i = 0; i < indices.Length; i++)
        {
            Assert.AreEqual(1, mc.Probabilities[i].Sum(), 1e-5);
            Assert.IsTrue(mc.MutualInformation[i] >= 0 && mc.MutualInformation[i] <= mc.Entropy[i] + 1e-6, $"0 ≤ I ≤ H at image {i}");
            Assert.IsTrue(mc.Entropy[i] <= Math.Log(2) + 1e-6);
        }
    }

    [TestMethod]
    public void The_same_seed_gives_the_same_uncertainty_and_another_seed_another()
    {
        var (store, _) = SyntheticImages.Create(8, 16);
        var indices = Enumerable.Range(0, 8).ToArray();
        using var model = Network(Tiny, seed: 5);
        var a = ClassifierStage.PredictMonteCarlo(model, store, indices, new MonteCarloDropout { Samples = 12, Seed = 1 });
        var b = ClassifierStage.PredictMonteCarlo(model, store, indices, new MonteCarloDropout { Samples = 12, Seed = 1 }, batchSize: 3);
        var c = ClassifierStage.PredictMonteCarlo(model, store, indices, new MonteCarloDropout { Samples = 12, Seed = 2 });
        for (var i = 0; i < indices.Length; i++) Assert.AreEqual(a.MutualInformation[i], b.MutualInformation[i], 1e-6, $"image {i}: batching must not matter");
        CollectionAssert.AreNotEqual(a.MutualInformation, c.MutualInformation);
    }

    [TestMethod]
    [DataRow("one-hidden")]
    [DataRow("no-hidden")]
    [DataRow("two-hidden")]
    public void Onnx_mc_outputs_equal_torchsharp_and_the_deterministic_outputs_are_unchanged(string shape)
    {
        var config = shape switch
        {
            "one-hidden" => Tiny,
            "no-hidden" => Tiny with { HiddenUnits = [] },
            _ => Tiny with { HiddenUnits = [24, 12], Activation = ActivationKind.LeakyRelu, Dropout = 0.3 },
        };
        using var model = Network(config.Validated(), seed: 6);
        OnnxLayerExportTests.RunTrainingForwards(model, [3, 16, 16]);
        // A fresh network's logits are near 0, so its samples barely differ: larger output weights make the mutual
        // information many times the parity tolerance, so that a wrong one fails the check.
        using (torch.no_grad())
            foreach (var p in model.Classifier.parameters()) p.mul_(5);
        model.Temperature = 1.7;
        var settings = new MonteCarloDropout { Samples = 30, Seed = 9 };
        using var folder = new OnnxTempFolder();
        var plain = folder.File("plain.onnx");
        var mc = folder.File("mc.onnx");

        OnnxExporter.ExportClassifier(model, plain);
        var export = OnnxExporter.ExportClassifier(model, mc, monteCarlo: settings);
        var parity = OnnxParity.Check(model, mc, batchSizes: [1, 7], monteCarlo: settings);
        TestContext.WriteLine($"{shape}: {parity}");

        CollectionAssert.AreEqual(new[] { "probabilities", "embedding", "mc_probabilities", "mutual_information" }, export.Outputs.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new long[] { 2 }, export.Outputs[2].DimsAfterBatch.ToArray());
        CollectionAssert.AreEqual(new long[] { 1 }, export.Outputs[3].DimsAfterBatch.ToArray());
        Assert.IsTrue(parity.IsWithin(1e-5), parity.ToString());
        var metadata = OnnxLayerExportTests.ReadModel(mc).MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual("{\"samples\":30,\"seed\":9}", metadata[OnnxExporter.MonteCarloDropoutKey]);
        var plainModel = OnnxLayerExportTests.ReadModel(plain);
        Assert.IsFalse(plainModel.Graph.Node.Any(n => n.Name.StartsWith("mc.", StringComparison.Ordinal)), "no MC node without MC-dropout");
        Assert.IsFalse(plainModel.MetadataProps.Any(p => p.Key == OnnxExporter.MonteCarloDropoutKey));

        // The deterministic outputs are the plain export's, and the mutual information is not trivially zero.
        var input = Random(5);
        var withMc = Run(mc, input, 5);
        var without = Run(plain, input, 5);
        foreach (var name in new[] { "probabilities", "embedding" })
            CollectionAssert.AreEqual(without[name], withMc[name], $"{name} changed by the MC-dropout outputs");
        Assert.IsTrue(withMc["mutual_information"].Max() > 20 * 1e-5, string.Join(", ", withMc["mutual_information"]));
        Assert.IsTrue(withMc["mutual_information"].All(v => v >= 0));
    }

    private static CzslClassifier Network(NetworkConfig config, int seed)
    {
        TorchRuntime.Seed(seed);
        return new CzslClassifier(config);
    }

    private static float[] Random(int count)
    {
        var random = new Random(2);
        return [.. Enumerable.Range(0, count * 3 * 16 * 16).Select(_ => random.NextSingle())];
    }

    private static Dictionary<string, float[]> Run(string onnx, float[] pixels, int count)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(pixels, [count, 3, 16, 16]);
        using var options = new Microsoft.ML.OnnxRuntime.RunOptions();
        var names = session.OutputMetadata.Keys.ToArray();
        using var results = session.Run(options, ["image"], [input], names);
        return names.Select((n, i) => (n, results[i].GetTensorDataAsSpan<float>().ToArray())).ToDictionary(p => p.n, p => p.Item2);
    }
}
