using CzSL.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class ModuleShapeTests
{
    public static IEnumerable<object[]> Configs()
    {
        foreach (var size in new[] { 64, 128 })
        {
            yield return ["default", size, NetworkConfig.Default(3, size)];
            yield return ["paper", size, NetworkConfig.Paper(3) with { InputSize = size }];
            yield return ["variant", size, NetworkConfig.Default(3, size) with
            {
                Downsample = DownsampleKind.Stride,
                DecoderUpsample = UpsampleKind.Transposed,
                Head = HeadKind.Flatten,
                Activation = ActivationKind.Elu,
                HiddenUnits = [64, 32],
            }];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Configs))]
    public void NetworksProduceTheDocumentedShapes(string name, int size, NetworkConfig config)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(2, size, size, 3).permute(0, 3, 1, 2);
        using var ae = new ConvAutoencoder(config);
        using var cnn = new CzslClassifier(config);
        ae.eval();
        cnn.eval();

        var code = ae.Encoder.forward(x);
        CollectionAssert.AreEqual(new long[] { 2, config.CodeChannels, size / 8, size / 8 }, code.shape, name);
        Assert.AreEqual(size / 8, ae.Encoder.OutputSize);
        var reconstruction = ae.forward(x);
        CollectionAssert.AreEqual(new long[] { 2, 3, size, size }, reconstruction.shape, name);
        Assert.IsTrue(reconstruction.min().item<float>() >= 0 && reconstruction.max().item<float>() <= 1, "sigmoid output outside [0, 1]");
        CollectionAssert.AreEqual(new long[] { 2, 3 }, cnn.forward(x).shape, name);
        CollectionAssert.AreEqual(new long[] { 2, config.EmbeddingSize }, cnn.Embed(x).shape, name);
    }

    [TestMethod]
    public void PaperPresetHasThePapersLayersAndParameterCounts()
    {
        var config = NetworkConfig.Paper(2);
        using var cnn = new CzslClassifier(config);
        using var ae = new ConvAutoencoder(config);
        long Count(nn.Module m) => m.parameters().Sum(p => p.numel());

        // 3·16·9+16 + 16·8·9+8 + 8·8·9+8 = 448 + 1,160 + 584.
        Assert.AreEqual(2_192, Count(cnn.Encoder));
        // 512·256+256 + 256·128+128 = 131,328 + 32,896; then 128·2+2.
        Assert.AreEqual(164_224, Count(cnn.Embedding));
        Assert.AreEqual(258, Count(cnn.Classifier));
        Assert.AreEqual(8 * 8 * 8, config.HeadInputSize);
        // Decoder: 8·8·9+8, 8·8·9+8, 8·16·9+16, 16·3·9+3.
        Assert.AreEqual(584 + 584 + 1_168 + 435, Count(ae.Decoder));
        CollectionAssert.AreEqual(
            new[] { "conv0", "act0", "pool0", "conv1", "act1", "pool1", "conv2", "act2", "pool2" },
            cnn.Encoder.Layers.named_children().Select(c => c.name).ToArray());
        CollectionAssert.AreEqual(
            new[] { "conv0", "act0", "up0", "conv1", "act1", "up1", "conv2", "act2", "up2", "out", "sigmoid" },
            ae.Decoder.named_children().Select(c => c.name).ToArray());
        CollectionAssert.AreEqual(new[] { "flatten", "fc0", "act0", "fc1", "act1" },
            cnn.Embedding.named_children().Select(c => c.name).ToArray());
        CollectionAssert.AreEqual(new[] { "fc" }, cnn.Classifier.named_children().Select(c => c.name).ToArray());
    }

    [TestMethod]
    public void DefaultPresetUsesChannelCountsThatAreMultiplesOf16()
    {
        var config = NetworkConfig.Default(2);
        Assert.IsTrue(config.EncoderChannels.All(c => c % 16 == 0));
        Assert.IsTrue(config.BatchNorm);
        Assert.AreEqual(128, config.EmbeddingSize);
    }

    [TestMethod]
    public void InvalidConfigsNameTheProperty()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new CzslClassifier(NetworkConfig.Default(2) with { InputSize = 60 }));
        StringAssert.Contains(e.Message, "InputSize");
        e = Assert.ThrowsExactly<ArgumentException>(() => (NetworkConfig.Default(2) with { Activation = (ActivationKind)9 }).Validate());
        StringAssert.Contains(e.Message, "Activation");
        e = Assert.ThrowsExactly<ArgumentException>(() => NetworkConfig.Paper(1));
        StringAssert.Contains(e.Message, "ClassCount");
    }

    [TestMethod]
    public void EncoderInputIsMadeChannelsLast()
    {
        using var scope = torch.NewDisposeScope();
        var nchw = torch.rand(2, 3, 8, 8);
        Assert.IsFalse(ChannelsLast.Is(nchw));
        var cl = ChannelsLast.Ensure(nchw);
        Assert.IsTrue(ChannelsLast.Is(cl));
        Assert.IsTrue(cl.equal(nchw).all().item<bool>());
        Assert.IsTrue(ChannelsLast.Is(ChannelsLast.FromNhwc(torch.rand(2, 8, 8, 3))));
    }
}
