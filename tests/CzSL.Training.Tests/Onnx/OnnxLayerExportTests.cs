using CzSL.Training.Onnx;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Tests.Onnx;

/// <summary>
/// Every supported layer type, alone (after a convolution where negative inputs matter), exported and compared
/// with ONNX Runtime at batch 1 and 5.
/// </summary>
[TestClass]
public sealed class OnnxLayerExportTests
{
    private const double Tolerance = 1e-4;

    [TestMethod]
    [DataRow("conv-valid")]
    [DataRow("conv-stride2-pad1")]
    [DataRow("conv-same-odd-kernel")]
    [DataRow("conv-same-even-kernel")]
    [DataRow("conv-same-dilated")]
    [DataRow("conv-dilation2")]
    [DataRow("conv-groups")]
    [DataRow("conv-depthwise")]
    [DataRow("conv-rect-no-bias")]
    [DataRow("deconv-k2-s2")]
    [DataRow("deconv-output-padding")]
    [DataRow("deconv-dilated-groups-no-bias")]
    [DataRow("batchnorm2d")]
    [DataRow("batchnorm2d-no-affine")]
    [DataRow("batchnorm1d")]
    [DataRow("relu")]
    [DataRow("leakyrelu")]
    [DataRow("elu")]
    [DataRow("sigmoid")]
    [DataRow("tanh")]
    [DataRow("maxpool2")]
    [DataRow("maxpool-k3-s2-pad1")]
    [DataRow("maxpool-ceil")]
    [DataRow("maxpool-ceil-pad")]
    [DataRow("maxpool-dilated")]
    [DataRow("avgpool2")]
    [DataRow("avgpool-pad-include")]
    [DataRow("avgpool-pad-exclude")]
    [DataRow("avgpool-ceil")]
    [DataRow("avgpool-ceil-pad-include")]
    [DataRow("avgpool-ceil-pad-exclude")]
    [DataRow("global-average-pool")]
    [DataRow("adaptive-average-pool-divisible")]
    [DataRow("flatten")]
    [DataRow("flatten-start2")]
    [DataRow("flatten-all")]
    [DataRow("unflatten")]
    [DataRow("linear")]
    [DataRow("linear-no-bias")]
    [DataRow("dropout")]
    [DataRow("softmax")]
    [DataRow("softmax-last-axis")]
    [DataRow("upsample-nearest-2")]
    [DataRow("upsample-nearest-3x2")]
    [DataRow("upsample-nearest-size")]
    [DataRow("upsample-bilinear")]
    [DataRow("upsample-bilinear-align-corners")]
    [DataRow("nested-sequential")]
    public void LayerMatchesOnnxRuntime(string name)
    {
        torch.manual_seed(7);
        var (network, shape) = Build(name);
        RunTrainingForwards(network, shape);
        using var folder = new OnnxTempFolder();
        var path = folder.File($"{name}.onnx");

        var export = OnnxExporter.ExportSequential(network, path, shape);
        var parity = OnnxParity.Check(network, path);

        Assert.AreEqual(6, parity.RandomSamples, "batches of 1 and 5");
        Assert.IsTrue(parity.IsWithin(Tolerance), $"{name}: {parity}");
        using var noGrad = torch.no_grad();
        network.eval();
        var expected = network.forward(torch.zeros([1, .. shape])).shape[1..];
        CollectionAssert.AreEqual(expected, export.Outputs[0].DimsAfterBatch.ToArray(), $"{name}: output shape");
    }

    [TestMethod]
    public void BatchNormUsesTrainedRunningStatistics()
    {
        torch.manual_seed(3);
        var norm = nn.BatchNorm2d(4, eps: 1e-3);
        var network = nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("bn", norm));
        RunTrainingForwards(network, [3, 8, 8]);
        Assert.IsTrue(norm.running_var!.sub(1).abs().max().item<float>() > 0.05, "running variance still at its initial 1");
        Assert.IsTrue(norm.running_mean!.abs().max().item<float>() > 0.05, "running mean still at its initial 0");
        using var folder = new OnnxTempFolder();
        var path = folder.File("bn.onnx");

        OnnxExporter.ExportSequential(network, path, [3, 8, 8]);
        var parity = OnnxParity.Check(network, path);

        Assert.IsTrue(parity.IsWithin(Tolerance), parity.ToString());
        var node = ReadModel(path).Graph.Node.Single(n => n.OpType == "BatchNormalization");
        Assert.AreEqual(1e-3f, node.Attribute.Single(a => a.Name == "epsilon").F);
    }

    [TestMethod]
    public void DropoutAndIdentityLayersAreLeftOut()
    {
        var network = nn.Sequential(("fc", nn.Linear(6, 4)), ("drop", nn.Dropout(0.5)), ("drop2d", nn.Dropout2d(0.2)),
            ("same", nn.Identity()));
        using var folder = new OnnxTempFolder();
        var path = folder.File("dropout.onnx");

        OnnxExporter.ExportSequential(network, path, [6]);

        var ops = ReadModel(path).Graph.Node.Select(n => n.OpType).ToArray();
        CollectionAssert.AreEqual(new[] { "Gemm", "Identity" }, ops);
    }

    [TestMethod]
    public void ResizeUsesLibtorchCoordinateModes()
    {
        var network = nn.Sequential(
            ("near", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)),
            ("bilinear", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false)));
        using var folder = new OnnxTempFolder();
        var path = folder.File("resize.onnx");

        OnnxExporter.ExportSequential(network, path, [2, 4, 4]);

        var resizes = ReadModel(path).Graph.Node.Where(n => n.OpType == "Resize").ToArray();
        Assert.AreEqual("asymmetric", Attribute(resizes[0], "coordinate_transformation_mode"));
        Assert.AreEqual("floor", Attribute(resizes[0], "nearest_mode"));
        Assert.AreEqual("half_pixel", Attribute(resizes[1], "coordinate_transformation_mode"));
        Assert.AreEqual("linear", Attribute(resizes[1], "mode"));
    }

    /// <summary>A few train-mode forwards on shifted, scaled inputs give batch norms non-trivial running statistics.</summary>
    internal static void RunTrainingForwards(nn.Module<Tensor, Tensor> network, long[] shape)
    {
        network.train();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < 3; i++)
        {
            using var scope = torch.NewDisposeScope();
            network.forward(torch.randn([8, .. shape]) * 3 + 1);
        }
    }

    internal static ModelProto ReadModel(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

    private static string Attribute(NodeProto node, string name) =>
        node.Attribute.Single(a => a.Name == name).S.ToStringUtf8();

    private static (Sequential Network, long[] Shape) Build(string name) => name switch
    {
        "conv-valid" => (Seq(nn.Conv2d(3, 8, 3)), [3, 9, 9]),
        "conv-stride2-pad1" => (Seq(nn.Conv2d(3, 8, 3, stride: 2, padding: 1)), [3, 9, 9]),
        "conv-same-odd-kernel" => (Seq(nn.Conv2d(3, 8, 3, Padding.Same)), [3, 8, 8]),
        "conv-same-even-kernel" => (Seq(nn.Conv2d(3, 8, 4, Padding.Same)), [3, 8, 8]),
        "conv-same-dilated" => (Seq(nn.Conv2d(3, 8, 2, Padding.Same, dilation: 3)), [3, 9, 9]),
        "conv-dilation2" => (Seq(nn.Conv2d(3, 8, 3, dilation: 2, padding: 2)), [3, 9, 9]),
        "conv-groups" => (Seq(nn.Conv2d(4, 8, 3, padding: 1, groups: 2)), [4, 8, 8]),
        "conv-depthwise" => (Seq(nn.Conv2d(4, 4, 3, padding: 1, groups: 4)), [4, 8, 8]),
        "conv-rect-no-bias" => (Seq(nn.Conv2d(3, 5, (3, 5), stride: (1, 2), padding: (1, 2), bias: false)), [3, 9, 10]),
        "deconv-k2-s2" => (Seq(nn.ConvTranspose2d(8, 4, 2, stride: 2)), [8, 5, 5]),
        "deconv-output-padding" => (Seq(nn.ConvTranspose2d(8, 4, 3, stride: 2, padding: 1, output_padding: 1)), [8, 5, 5]),
        "deconv-dilated-groups-no-bias" =>
            (Seq(nn.ConvTranspose2d(4, 6, 3, stride: 1, dilation: 2, groups: 2, bias: false)), [4, 5, 5]),
        "batchnorm2d" => (Seq(nn.Conv2d(3, 4, 1), nn.BatchNorm2d(4)), [3, 6, 6]),
        "batchnorm2d-no-affine" => (Seq(nn.Conv2d(3, 4, 1), nn.BatchNorm2d(4, affine: false)), [3, 6, 6]),
        "batchnorm1d" => (Seq(nn.Linear(5, 6), nn.BatchNorm1d(6)), [5]),
        "relu" => (Seq(nn.Conv2d(3, 4, 1), nn.ReLU()), [3, 6, 6]),
        "leakyrelu" => (Seq(nn.Conv2d(3, 4, 1), nn.LeakyReLU(0.2)), [3, 6, 6]),
        "elu" => (Seq(nn.Conv2d(3, 4, 1), nn.ELU(alpha: 0.7)), [3, 6, 6]),
        "sigmoid" => (Seq(nn.Conv2d(3, 4, 1), nn.Sigmoid()), [3, 6, 6]),
        "tanh" => (Seq(nn.Conv2d(3, 4, 1), nn.Tanh()), [3, 6, 6]),
        "maxpool2" => (Seq(nn.Conv2d(3, 4, 1), nn.MaxPool2d(2)), [3, 8, 8]),
        "maxpool-k3-s2-pad1" => (Seq(nn.Conv2d(3, 4, 1), nn.MaxPool2d(3, stride: 2, padding: 1)), [3, 9, 9]),
        "maxpool-ceil" => (Seq(nn.Conv2d(3, 4, 1), nn.MaxPool2d(3, stride: 2, ceil_mode: true)), [3, 10, 10]),
        "maxpool-ceil-pad" => (Seq(nn.Conv2d(3, 4, 1), nn.MaxPool2d(3, stride: 2, padding: 1, ceil_mode: true)), [3, 10, 10]),
        "maxpool-dilated" => (Seq(nn.Conv2d(3, 4, 1), nn.MaxPool2d(3, stride: 1, dilation: 2)), [3, 9, 9]),
        "avgpool2" => (Seq(nn.Conv2d(3, 4, 1), nn.AvgPool2d(2)), [3, 8, 8]),
        "avgpool-pad-include" => (Seq(nn.Conv2d(3, 4, 1), nn.AvgPool2d(3, stride: 2, padding: 1)), [3, 9, 9]),
        "avgpool-pad-exclude" =>
            (Seq(nn.Conv2d(3, 4, 1), nn.AvgPool2d(3, stride: 2, padding: 1, count_include_pad: false)), [3, 9, 9]),
        "avgpool-ceil" => (Seq(nn.Conv2d(3, 4, 1), nn.AvgPool2d(3, stride: 2, ceil_mode: true)), [3, 10, 10]),
        "avgpool-ceil-pad-include" =>
            (Seq(nn.Conv2d(3, 4, 1), nn.AvgPool2d(3, stride: 2, padding: 1, ceil_mode: true)), [3, 10, 10]),
        "avgpool-ceil-pad-exclude" => (Seq(nn.Conv2d(3, 4, 1),
            nn.AvgPool2d(3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false)), [3, 10, 10]),
        "global-average-pool" => (Seq(nn.Conv2d(3, 4, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten()), [3, 7, 7]),
        "adaptive-average-pool-divisible" => (Seq(nn.Conv2d(3, 4, 1), nn.AdaptiveAvgPool2d(4)), [3, 8, 12]),
        "flatten" => (Seq(nn.Conv2d(3, 4, 1), nn.Flatten(), nn.Linear(4 * 5 * 5, 3)), [3, 5, 5]),
        "flatten-start2" => (Seq(nn.Conv2d(3, 4, 1), nn.Flatten(start_dim: 2)), [3, 5, 6]),
        "flatten-all" => (Seq(nn.Conv2d(3, 4, 1), nn.Flatten(start_dim: 0)), [3, 5, 6]),
        "unflatten" => (Seq(nn.Linear(6, 32), nn.Unflatten(1, [2, 4, 4]), nn.Conv2d(2, 3, 3, padding: 1)), [6]),
        "linear" => (Seq(nn.Linear(7, 5)), [7]),
        "linear-no-bias" => (Seq(nn.Linear(7, 5, hasBias: false)), [7]),
        "dropout" => (Seq(nn.Conv2d(3, 4, 1), nn.Dropout2d(0.4), nn.Flatten(), nn.Dropout(0.5), nn.Linear(4 * 16, 3)), [3, 4, 4]),
        "softmax" => (Seq(nn.Linear(7, 5), nn.Softmax(1)), [7]),
        "softmax-last-axis" => (Seq(nn.Conv2d(3, 4, 1), nn.Softmax(-1)), [3, 5, 6]),
        "upsample-nearest-2" => (Seq(nn.Conv2d(3, 4, 1), nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)), [3, 5, 6]),
        "upsample-nearest-3x2" => (Seq(nn.Conv2d(3, 4, 1), nn.Upsample(scale_factor: [3.0, 2.0], mode: UpsampleMode.Nearest)), [3, 5, 6]),
        "upsample-nearest-size" => (Seq(nn.Conv2d(3, 4, 1), nn.Upsample(size: [10, 18], mode: UpsampleMode.Nearest)), [3, 5, 6]),
        "upsample-bilinear" => (Seq(nn.Conv2d(3, 4, 1), nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear)), [3, 5, 6]),
        "upsample-bilinear-align-corners" => (Seq(nn.Conv2d(3, 4, 1),
            nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: true)), [3, 5, 6]),
        "nested-sequential" => (nn.Sequential(
            ("block", nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("act", nn.ReLU()))),
            ("head", nn.Sequential(("pool", nn.MaxPool2d(2)), ("flat", nn.Flatten()), ("fc", nn.Linear(4 * 4 * 4, 2))))),
            [3, 8, 8]),
        _ => throw new ArgumentException($"unknown case {name}", nameof(name)),
    };

    private static Sequential Seq(params nn.Module<Tensor, Tensor>[] layers) => nn.Sequential(layers);
}
