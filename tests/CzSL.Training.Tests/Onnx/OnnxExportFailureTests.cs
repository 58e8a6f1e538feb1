using CzSL.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Tests.Onnx;

/// <summary>Layers and settings without an exact ONNX equivalent fail the export, naming the layer; no file is written.</summary>
[TestClass]
public sealed class OnnxExportFailureTests
{
    [TestMethod]
    public void CustomModuleFailsWithItsPathAndType()
    {
        var network = nn.Sequential(
            ("features", nn.Sequential(("conv", nn.Conv2d(3, 4, 3)), ("twice", new Doubler()))),
            ("flat", nn.Flatten()));

        var error = AssertFails(network, [3, 8, 8]);

        Assert.AreEqual("features.twice", error.LayerPath);
        Assert.AreEqual(nameof(Doubler), error.LayerType);
        StringAssert.Contains(error.Message, "'features.twice' (Doubler)");
    }

    [TestMethod]
    public void UnsupportedTorchSharpLayerFailsWithItsPathAndType()
    {
        var error = AssertFails(nn.Sequential(("fc", nn.Linear(4, 4)), ("gelu", nn.GELU())), [4]);

        Assert.AreEqual("gelu", error.LayerPath);
        Assert.AreEqual("GELU", error.LayerType);
        StringAssert.Contains(error.Message, "no ONNX conversion");
    }

    [TestMethod]
    public void NonZeroPaddingModeFails()
    {
        var error = AssertFails(nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1, padding_mode: PaddingModes.Reflect))),
            [3, 8, 8]);

        Assert.AreEqual("conv", error.LayerPath);
        StringAssert.Contains(error.Message, "padding_mode Reflect");
    }

    [TestMethod]
    public void AdaptivePoolingWithUnevenWindowsFails()
    {
        var error = AssertFails(nn.Sequential(("pool", nn.AdaptiveAvgPool2d(3))), [2, 8, 8]);

        Assert.AreEqual("AdaptiveAvgPool2d", error.LayerType);
        StringAssert.Contains(error.Message, "does not divide the input size 8x8");
    }

    [TestMethod]
    public void AveragePoolingWithDivisorOverrideFails()
    {
        var error = AssertFails(nn.Sequential(("pool", nn.AvgPool2d(2, divisor_override: 3))), [2, 8, 8]);

        StringAssert.Contains(error.Message, "divisor_override");
    }

    [TestMethod]
    public void BatchNormWithoutRunningStatisticsFails()
    {
        var error = AssertFails(nn.Sequential(("bn", nn.BatchNorm2d(2, track_running_stats: false))), [2, 4, 4]);

        Assert.AreEqual("bn", error.LayerPath);
        StringAssert.Contains(error.Message, "track_running_stats");
    }

    [TestMethod]
    public void LinearOnAnUnflattenedInputFails()
    {
        var error = AssertFails(nn.Sequential(("fc", nn.Linear(4, 2))), [3, 4]);

        StringAssert.Contains(error.Message, "flatten first");
    }

    [TestMethod]
    public void UnflatteningTheBatchDimensionFails()
    {
        var error = AssertFails(nn.Sequential(("fc", nn.Linear(4, 6)), ("split", nn.Unflatten(0, [1, 1]))), [4]);

        Assert.AreEqual("split", error.LayerPath);
        StringAssert.Contains(error.Message, "batch dimension");
    }

    private static OnnxExportException AssertFails(Sequential network, long[] shape)
    {
        using var folder = new OnnxTempFolder();
        var path = folder.File("model.onnx");

        var error = Assert.ThrowsExactly<OnnxExportException>(() => OnnxExporter.ExportSequential(network, path, shape));

        Assert.AreEqual(0, Directory.GetFiles(folder.Path).Length, "no file (not even a temporary one) may remain");
        return error;
    }

    /// <summary>A custom layer the exporter cannot know.</summary>
    private sealed class Doubler : nn.Module<Tensor, Tensor>
    {
        public Doubler() : base(nameof(Doubler))
        {
        }

        public override Tensor forward(Tensor input) => input * 2;
    }
}
