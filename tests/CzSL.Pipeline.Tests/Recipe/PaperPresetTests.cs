using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;
using TorchSharp;
using TorchSharp.Modules;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary><c>--preset paper</c> builds its networks as the reference's Keras code did; our presets keep torch's defaults.</summary>
[TestClass]
public sealed class PaperPresetTests
{
    private static readonly Preset Paper = Preset.Parse("paper");

    /// <summary>Every convolution and dense layer: its weights (flattened), glorot limit √(6 / (fan_in + fan_out)) and bias values.</summary>
    private static List<(string Layer, float[] Weights, double Limit, float[] Bias)> Layers(torch.nn.Module network)
    {
        var layers = new List<(string, float[], double, float[])>();
        foreach (var (name, module) in network.named_modules())
        {
            var (weight, bias) = module switch
            {
                Convolution c => (c.weight, c.bias),
                Linear l => (l.weight, l.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            var shape = weight.shape;
            var receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
            var (fanIn, fanOut) = (shape[1] * receptive, shape[0] * receptive);
            layers.Add((name, weight.data<float>().ToArray(), Math.Sqrt(6.0 / (fanIn + fanOut)), bias?.data<float>().ToArray() ?? []));
        }
        return layers;
    }

    private static void AssertGlorotUniformZeroBias(torch.nn.Module network, string what)
    {
        var layers = Layers(network);
        Assert.IsNotEmpty(layers, what);
        foreach (var (layer, weights, limit, bias) in layers)
        {
            var max = weights.Max(Math.Abs);
            var variance = weights.Average(w => (double)w * w);
            Assert.IsTrue(max <= limit, $"{what} {layer}: max |w| {max:G4} above the glorot limit {limit:G4}");
            // ≥ 256 uniform draws: the largest lies within 10% of the limit (P(fail) ≤ 0.9^256 ≈ 2e-12), and the variance is limit²/3.
            Assert.IsTrue(max >= 0.9 * limit, $"{what} {layer}: max |w| {max:G4} far below the glorot limit {limit:G4}");
            Assert.AreEqual(limit * limit / 3, variance, 0.25 * limit * limit / 3, $"{what} {layer}: variance of U(±{limit:G4})");
            Assert.IsTrue(bias.All(b => b == 0), $"{what} {layer}: biases must be zero");
        }
    }

    [TestMethod]
    public void The_paper_preset_builds_glorot_uniform_weights_with_zero_biases()
    {
        Assert.AreEqual(WeightInit.GlorotUniformZeroBias, Paper.Init);
        var options = new RecipeOptions { Preset = Paper };
        var config = Paper.Network(2, 64);
        using var classifier = ClassifierStage.Create(config, options.ClassifierStage(Scenario.ES, 1, seed: 3, curve: null, fineTuning: false));
        AssertGlorotUniformZeroBias(classifier, "classifier");
        using var autoencoder = AutoencoderStage.Create(Paper.AutoencoderNetwork(64), options.AutoencoderStage(seed: 4, curve: null));
        AssertGlorotUniformZeroBias(autoencoder, "autoencoder");
    }

    [TestMethod]
    public void Torch_defaults_fail_the_glorot_check_and_stay_with_our_presets()
    {
        // Negative control: the paper's network under torch's defaults has non-zero biases and dense bounds 1/√fan_in,
        // about half of glorot's (512 → 256: 0.044 vs 0.088).
        var ours = new RecipeOptions { Preset = Paper with { Init = WeightInit.TorchDefault } };
        using var classifier = ClassifierStage.Create(Paper.Network(2, 64), ours.ClassifierStage(Scenario.ES, 1, seed: 3, curve: null, fineTuning: false));
        Assert.ThrowsExactly<AssertFailedException>(() => AssertGlorotUniformZeroBias(classifier, "torch defaults"));
        var dense = Layers(classifier).Single(l => l.Layer.EndsWith("fc0", StringComparison.Ordinal));
        Assert.IsTrue(dense.Weights.Max(Math.Abs) <= 1 / Math.Sqrt(512) + 1e-6);
        Assert.IsTrue(dense.Bias.Any(b => b != 0));

        Assert.AreEqual(WeightInit.TorchDefault, Preset.Small.Init);
        Assert.AreEqual(WeightInit.TorchDefault, Preset.Default.Init);
        Assert.AreEqual(WeightInit.TorchDefault, new RecipeOptions { Preset = Preset.Small }.ClassifierStage(Scenario.ES, 1, 3, null, false).Training.Init);
    }

    [TestMethod]
    public void An_encoder_copied_from_the_autoencoder_keeps_its_trained_weights()
    {
        var options = new RecipeOptions { Preset = Paper };
        using var autoencoder = AutoencoderStage.Create(Paper.AutoencoderNetwork(64), options.AutoencoderStage(seed: 4, curve: null));
        // Stand-in for training: weights no initialiser would draw.
        using (torch.no_grad())
            foreach (var p in autoencoder.Encoder.parameters()) p.fill_(0.125f);
        using var classifier = ClassifierStage.Create(Paper.Network(2, 64), options.ClassifierStage(Scenario.ES, 1, 3, null, fineTuning: false), autoencoder.Encoder);

        foreach (var (name, p) in classifier.Encoder.named_parameters())
            Assert.IsTrue(p.data<float>().ToArray().All(v => v == 0.125f), $"encoder {name} lost its trained weights");
        AssertGlorotUniformZeroBias(classifier.Embedding, "head");
        AssertGlorotUniformZeroBias(classifier.Classifier, "output layer");
    }

    [TestMethod]
    public void The_paper_preset_decides_mergers_at_one_half_and_ours_on_the_training_data()
    {
        Assert.AreEqual((ThresholdRule.Half, ThresholdRule.Half), (Paper.MgThreshold, Paper.TransferThreshold));
        Assert.AreEqual((ThresholdRule.MaxGMean, ThresholdRule.Prior), (Preset.Small.MgThreshold, Preset.Small.TransferThreshold));
        Assert.AreEqual(ThresholdRule.Half, new RecipeOptions { Preset = Paper }.TransferThresholdRule);
        Assert.AreEqual(ThresholdRule.Prior, new RecipeOptions { Preset = Paper, TransferThreshold = ThresholdRule.Prior }.TransferThresholdRule);
        Assert.AreEqual(100, Paper.FixedEpochs);
    }
}
