using CzSL.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class ModelFilesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void ConfigRoundTripsThroughJson()
    {
        var config = NetworkConfig.Paper(3);
        var back = NetworkConfig.FromJson(config.ToJson());
        Assert.AreEqual(config, back);
        CollectionAssert.AreEqual(config.EncoderChannels, back.EncoderChannels);
        StringAssert.Contains(config.ToJson(), "\"encoderChannels\"");
    }

    [TestMethod]
    public void BadConfigJsonNamesTheSourceAndProblem()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => NetworkConfig.FromJson("{\"inputSize\": 65}", "x/network.json"));
        StringAssert.Contains(e.Message, "x/network.json");
        StringAssert.Contains(e.Message, "InputSize");
        e = Assert.ThrowsExactly<FormatException>(() => NetworkConfig.FromJson("{\n\"inputSize\": }", "y.json"));
        StringAssert.Contains(e.Message, "line 2");
    }

    [TestMethod]
    public void ClassifierSavesAndLoadsWithIdenticalOutputs()
    {
        var dir = Path.Combine(Path.GetTempPath(), "czsl-modelfiles-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var scope = torch.NewDisposeScope();
            var config = NetworkConfig.Default(3, 64) with { EncoderChannels = [16, 16, 32] };
            using var model = new CzslClassifier(config);
            model.eval();
            var x = torch.rand(2, 64, 64, 3).permute(0, 3, 1, 2);
            var expected = model.forward(x);

            ModelFiles.Save(dir, model, config);
            using var loaded = ModelFiles.LoadClassifier(dir);
            loaded.eval();

            Assert.AreEqual(config, loaded.Config);
            Assert.IsTrue(loaded.forward(x).equal(expected).all().item<bool>());
            Assert.IsFalse(Directory.GetFiles(dir).Any(f => f.EndsWith(".tmp", StringComparison.Ordinal)), "temporary file left behind");
            Assert.ThrowsExactly<FileNotFoundException>(() => ModelFiles.LoadAutoencoder(dir));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void AClassifiersTemperatureTravelsWithItsFolderAndOlderFoldersAreUncalibrated()
    {
        var dir = Directory.CreateTempSubdirectory("czsl-temperature-").FullName;
        try
        {
            var config = NetworkConfig.Default(2, 32) with { EncoderChannels = [8, 8] };
            using var model = new CzslClassifier(config) { Temperature = 1.75 };
            ModelFiles.Save(dir, model, config);
            using (var loaded = ModelFiles.LoadClassifier(dir)) Assert.AreEqual(1.75, loaded.Temperature);

            // A folder saved before calibration existed has no file: T = 1.
            File.Delete(Path.Combine(dir, ModelFiles.CalibrationFileName));
            using (var old = ModelFiles.LoadClassifier(dir)) Assert.AreEqual(1.0, old.Temperature);

            File.WriteAllText(Path.Combine(dir, ModelFiles.CalibrationFileName), "{\"temperature\": -2}");
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ModelFiles.LoadClassifier(dir)).Message, ModelFiles.CalibrationFileName);
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Temperature = 0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void EncoderWeightsTransferByNameFromTheAutoencoder()
    {
        using var scope = torch.NewDisposeScope();
        var config = NetworkConfig.Default(2) with { EncoderChannels = [16, 16, 16] };
        torch.manual_seed(1);
        using var ae = new ConvAutoencoder(config);
        torch.manual_seed(2);
        using var viaMemory = new CzslClassifier(config);
        using var viaFile = new CzslClassifier(config);
        var aeState = ae.state_dict();
        var encoderKeys = aeState.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(encoderKeys.Count >= 9, "conv weight/bias? + batch-norm tensors expected");
        Assert.IsFalse(viaMemory.state_dict()["encoder.layers.conv0.weight"].equal(aeState["encoder.layers.conv0.weight"]).all().item<bool>());

        viaMemory.InitialiseEncoderFrom(ae.Encoder);

        var path = Path.Combine(Path.GetTempPath(), $"czsl-ae-{Guid.NewGuid():N}.weights");
        try
        {
            ModelFiles.SaveWeights(path, ae);
            var skip = aeState.Keys.Where(k => !k.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
            viaFile.load(path, strict: false, skip: skip);
        }
        finally
        {
            File.Delete(path);
        }
        foreach (var classifier in new[] { viaMemory, viaFile })
        {
            var state = classifier.state_dict();
            foreach (var key in encoderKeys)
                Assert.IsTrue(state[key].equal(aeState[key]).all().item<bool>(), key);
        }
    }
}
