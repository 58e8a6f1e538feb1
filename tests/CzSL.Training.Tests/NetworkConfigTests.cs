using CzSL.Training.Modules;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class NetworkConfigTests
{
    // network_config metadata of models/czsl-es.onnx, written before the options became enums.
    private const string OldSmallJson = """
        {
          "preset": "small",
          "inputSize": 32,
          "inputChannels": 3,
          "encoderChannels": [
            16,
            32,
            32
          ],
          "batchNorm": true,
          "downsample": "maxpool",
          "activation": "relu",
          "decoderUpsample": "upsample",
          "head": "flatten",
          "hiddenUnits": [
            64
          ],
          "dropout": 0.3,
          "classCount": 2
        }
        """;

    [TestMethod]
    public void PaperConfigJsonIsUnchanged()
    {
        const string expected = """
            {
              "preset": "paper",
              "inputSize": 64,
              "inputChannels": 3,
              "encoderChannels": [
                16,
                8,
                8
              ],
              "batchNorm": false,
              "downsample": "maxpool",
              "activation": "relu",
              "decoderUpsample": "upsample",
              "head": "flatten",
              "hiddenUnits": [
                256,
                128
              ],
              "dropout": 0,
              "classCount": 2
            }
            """;
        Assert.AreEqual(expected, NetworkConfig.Paper(2).ToJson().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void EveryOptionKeepsItsJsonName()
    {
        var variant = NetworkConfig.Default(2) with
        {
            Downsample = DownsampleKind.Stride,
            Activation = ActivationKind.LeakyRelu,
            DecoderUpsample = UpsampleKind.Transposed,
        };
        var json = variant.ToJson();
        StringAssert.Contains(json, "\"downsample\": \"stride\"");
        StringAssert.Contains(json, "\"activation\": \"leakyrelu\"");
        StringAssert.Contains(json, "\"decoderUpsample\": \"transposed\"");
        StringAssert.Contains(json, "\"head\": \"gap\"");
        StringAssert.Contains((variant with { Activation = ActivationKind.Elu }).ToJson(), "\"activation\": \"elu\"");
    }

    [TestMethod]
    public void OldJsonReadsBackAndRewritesIdentically()
    {
        var config = NetworkConfig.FromJson(OldSmallJson, "czsl-es.onnx");
        Assert.AreEqual(NetworkConfig.Small(2, 32), config);
        Assert.AreEqual(OldSmallJson, config.ToJson().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void UnknownOptionNamesTheSourceAndProperty()
    {
        var json = OldSmallJson.Replace("\"head\": \"flatten\"", "\"head\": \"avgpool\"", StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<FormatException>(() => NetworkConfig.FromJson(json, "m/network.json"));
        StringAssert.Contains(e.Message, "m/network.json");
        StringAssert.Contains(e.Message, "$.head");
    }

    [TestMethod]
    public void UndefinedOptionNumberNamesTheProperty()
    {
        var json = OldSmallJson.Replace("\"head\": \"flatten\"", "\"head\": 7", StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<FormatException>(() => NetworkConfig.FromJson(json, "m/network.json"));
        StringAssert.Contains(e.Message, "m/network.json");
        StringAssert.Contains(e.Message, "NetworkConfig.Head");
        StringAssert.Contains(e.Message, "\"gap\"");
    }

    [TestMethod]
    public void EqualityComparesArraysElementWise()
    {
        var a = NetworkConfig.Paper(2);
        var b = NetworkConfig.Paper(2) with { EncoderChannels = [16, 8, 8], HiddenUnits = [256, 128] };
        Assert.AreNotSame(a.EncoderChannels, b.EncoderChannels);
        Assert.IsTrue(a == b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());

        Assert.IsTrue(a != (b with { EncoderChannels = [16, 8, 4] }));
        Assert.IsTrue(a != (b with { HiddenUnits = [256, 64] }));
        Assert.IsTrue(a != (b with { Head = HeadKind.GlobalAveragePool }));
        Assert.IsFalse(a.Equals(null));
    }
}
