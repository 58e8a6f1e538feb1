using CzSL.Data.Images;
using CzSL.Training.Modules;
using CzSL.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests.Onnx;

/// <summary>The project's networks (default and paper presets, and a variant with the other layer options) exported
/// and compared with ONNX Runtime, on random inputs and on real galaxy images when the shared data is present.</summary>
[TestClass]
public sealed class OnnxNetworkExportTests
{
    private const double Tolerance = 1e-4;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("default", 64)]
    [DataRow("paper", 64)]
    [DataRow("variant", 64)]
    [DataRow("default", 128)]
    public void ClassifierProbabilitiesAndEmbeddingMatch(string preset, int size)
    {
        torch.manual_seed(11);
        var config = Config(preset, size, classes: 3);
        var model = new CzslClassifier(config);
        OnnxLayerExportTests.RunTrainingForwards(model, [3, size, size]);
        using var folder = new OnnxTempFolder();
        var path = folder.File("classifier.onnx");

        var export = OnnxExporter.ExportClassifier(model, path);
        var parity = OnnxParity.Check(model, path);

        TestContext.WriteLine($"classifier {preset} {size}: {parity}");
        Assert.AreEqual($"image [N, 3, {size}, {size}]", export.Input.ToString());
        CollectionAssert.AreEqual(new[] { "probabilities", "embedding" }, export.Outputs.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new long[] { 3 }, export.Outputs[0].DimsAfterBatch.ToArray());
        CollectionAssert.AreEqual(new long[] { config.EmbeddingSize }, export.Outputs[1].DimsAfterBatch.ToArray());
        Assert.IsTrue(parity.IsWithin(Tolerance), parity.ToString());
        var metadata = OnnxLayerExportTests.ReadModel(path).MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual(config, NetworkConfig.FromJson(metadata[OnnxExporter.NetworkConfigKey]));
        Assert.IsTrue(model.training, "export must leave the model in training mode");
    }

    [TestMethod]
    [DataRow("default")]
    [DataRow("paper")]
    [DataRow("variant")]
    public void EncoderFeaturesMatch(string preset)
    {
        torch.manual_seed(12);
        var config = Config(preset, 64, classes: 2);
        var encoder = new Encoder(config);
        OnnxLayerExportTests.RunTrainingForwards(encoder, [3, 64, 64]);
        using var folder = new OnnxTempFolder();
        var path = folder.File("encoder.onnx");

        var export = OnnxExporter.ExportEncoder(encoder, config, path);
        var parity = OnnxParity.Check(encoder, path);

        TestContext.WriteLine($"encoder {preset}: {parity}");
        var features = (long)config.CodeChannels * config.CodeSize * config.CodeSize;
        Assert.AreEqual($"features [N, {features}]", export.Outputs.Single().ToString());
        Assert.IsTrue(parity.IsWithin(Tolerance), parity.ToString());
    }

    [TestMethod]
    [DataRow("default")]
    [DataRow("paper")]
    [DataRow("variant")]
    public void AutoencoderReconstructionMatches(string preset)
    {
        torch.manual_seed(13);
        var config = Config(preset, 64, classes: 2);
        var model = new ConvAutoencoder(config);
        OnnxLayerExportTests.RunTrainingForwards(model, [3, 64, 64]);
        using var folder = new OnnxTempFolder();
        var path = folder.File("autoencoder.onnx");

        var export = OnnxExporter.ExportAutoencoder(model, path);
        var parity = OnnxParity.Check(model, path);

        TestContext.WriteLine($"autoencoder {preset}: {parity}");
        Assert.AreEqual("reconstruction [N, 3, 64, 64]", export.Outputs.Single().ToString());
        Assert.IsTrue(parity.IsWithin(Tolerance), parity.ToString());
    }

    [TestMethod]
    public void RealGalaxyImagesMatch()
    {
        var folder = SharedData.Folder(Path.Combine("gz1-sdss", "images"));
        if (folder is null)
        {
            Assert.Inconclusive("../shared/data/gz1-sdss/images is absent: the real-image ONNX parity check was not run.");
        }

        var files = Directory.GetFiles(folder, "*.jpeg").Order(StringComparer.Ordinal).Take(6).ToArray();
        Assert.AreEqual(6, files.Length, $"expected at least 6 JPEGs in {folder}");
        using var images = LoadImages(files, 64);
        torch.manual_seed(14);
        foreach (var preset in new[] { "default", "paper" })
        {
            var config = Config(preset, 64, classes: 3);
            var classifier = new CzslClassifier(config);
            var autoencoder = new ConvAutoencoder(config);
            OnnxLayerExportTests.RunTrainingForwards(classifier, [3, 64, 64]);
            OnnxLayerExportTests.RunTrainingForwards(autoencoder, [3, 64, 64]);
            using var output = new OnnxTempFolder();

            OnnxExporter.ExportClassifier(classifier, output.File("classifier.onnx"));
            OnnxExporter.ExportAutoencoder(autoencoder, output.File("autoencoder.onnx"));
            var classifierParity = OnnxParity.Check(classifier, output.File("classifier.onnx"), images, batchSizes: []);
            var autoencoderParity = OnnxParity.Check(autoencoder, output.File("autoencoder.onnx"), images, batchSizes: []);

            TestContext.WriteLine($"real images, classifier {preset}: {classifierParity}");
            TestContext.WriteLine($"real images, autoencoder {preset}: {autoencoderParity}");
            Assert.AreEqual(6, classifierParity.ImageSamples);
            Assert.AreEqual(0, classifierParity.RandomSamples);
            Assert.IsTrue(classifierParity.IsWithin(Tolerance), classifierParity.ToString());
            Assert.IsTrue(autoencoderParity.IsWithin(Tolerance), autoencoderParity.ToString());
        }
    }

    /// <summary>Decodes JPEGs as the ML.NET chain does and returns an NCHW batch of pixel/255 values.</summary>
    private static Tensor LoadImages(string[] files, int size)
    {
        var pixels = new float[files.Length * size * size * 3];
        for (var i = 0; i < files.Length; i++)
        {
            var rgb = ImageDecoder.DecodeRgb(files[i], size);
            for (var j = 0; j < rgb.Length; j++)
            {
                pixels[i * rgb.Length + j] = rgb[j] / 255f;
            }
        }

        using var nhwc = torch.tensor(pixels, [files.Length, size, size, 3]);
        return nhwc.permute(0, 3, 1, 2).contiguous();
    }

    /// <summary>
    /// "variant" covers the other options: stride-2 down-sampling, ELU, transposed-convolution decoder, flatten head
    /// without hidden layers.
    /// </summary>
    private static NetworkConfig Config(string preset, int size, int classes) => preset switch
    {
        "default" => NetworkConfig.Default(classes, size),
        "paper" => NetworkConfig.Paper(classes),
        "variant" => (NetworkConfig.Default(classes, size) with
        {
            Preset = "variant",
            EncoderChannels = [16, 32],
            Downsample = DownsampleKind.Stride,
            Activation = ActivationKind.Elu,
            DecoderUpsample = UpsampleKind.Transposed,
            Head = HeadKind.Flatten,
            HiddenUnits = [],
        }).Validated(),
        _ => throw new ArgumentException($"unknown preset {preset}", nameof(preset)),
    };
}
