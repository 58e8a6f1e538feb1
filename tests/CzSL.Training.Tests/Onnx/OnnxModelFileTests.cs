using CzSL.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests.Onnx;

/// <summary>Model-level properties: opset, IR version, producer, metadata, dynamic batch, atomic writing, training flags.</summary>
[TestClass]
public sealed class OnnxModelFileTests
{
    [TestMethod]
    public void ModelDeclaresOpsetProducerMetadataAndDynamicBatch()
    {
        var network = nn.Sequential(("fc", nn.Linear(4, 3)));
        using var folder = new OnnxTempFolder();
        var path = folder.File("model.onnx");

        var export = OnnxExporter.ExportSequential(network, path, [4], outputName: "scores",
            metadata: new Dictionary<string, string> { ["czsl.classes"] = "E,S" });

        var model = OnnxLayerExportTests.ReadModel(path);
        Assert.AreEqual(8L, model.IrVersion);
        Assert.AreEqual(17L, model.OpsetImport.Single().Version);
        Assert.AreEqual("CzSL.MLNet", model.ProducerName);
        Assert.AreEqual(OnnxExporter.ExporterVersion, model.ProducerVersion);
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual("E,S", metadata["czsl.classes"]);
        Assert.AreEqual(OnnxExporter.ExporterVersion, metadata[OnnxExporter.ExporterVersionKey]);
        Assert.AreEqual("sequential", metadata[OnnxExporter.ModelKindKey]);
        var input = model.Graph.Input.Single();
        Assert.AreEqual("input", input.Name);
        Assert.AreEqual("N", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.AreEqual(4L, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.AreEqual("scores", model.Graph.Output.Single().Name);
        Assert.AreEqual("N", model.Graph.Output.Single().Type.TensorType.Shape.Dim[0].DimParam);
        Assert.AreEqual("scores [N, 3]", export.Outputs.Single().ToString());
        Assert.AreEqual(Path.GetFullPath(path), export.Path);
    }

    [TestMethod]
    public void ExportOverwritesAtomicallyAndLeavesNoTemporaryFile()
    {
        using var folder = new OnnxTempFolder();
        var path = folder.File(Path.Combine("nested", "model.onnx"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old contents");

        OnnxExporter.ExportSequential(nn.Sequential(("fc", nn.Linear(4, 3))), path, [4]);

        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!));
        Assert.AreEqual(1, OnnxLayerExportTests.ReadModel(path).Graph.Node.Count(n => n.OpType == "Gemm"));
    }

    [TestMethod]
    public void ExportRestoresTrainingFlagsAndLeavesRunningStatisticsAlone()
    {
        var norm = nn.BatchNorm2d(3);
        var frozen = nn.Sequential(("bn", nn.BatchNorm2d(3)));
        var network = nn.Sequential(("bn", norm), ("frozen", frozen));
        network.train();
        frozen.eval();
        var meanBefore = norm.running_mean!.clone();
        using var folder = new OnnxTempFolder();

        OnnxExporter.ExportSequential(network, folder.File("model.onnx"), [3, 4, 4]);
        OnnxParity.Check(network, folder.File("model.onnx"));

        Assert.IsTrue(network.training);
        Assert.IsTrue(norm.training);
        Assert.IsFalse(frozen.training);
        Assert.IsTrue(norm.running_mean!.allclose(meanBefore, rtol: 0, atol: 0), "export or parity changed the running mean");
    }

    [TestMethod]
    public void ParityDetectsAModelThatNoLongerMatches()
    {
        torch.manual_seed(5);
        var linear = nn.Linear(4, 3);
        var network = nn.Sequential(("fc", linear));
        using var folder = new OnnxTempFolder();
        var path = folder.File("model.onnx");
        OnnxExporter.ExportSequential(network, path, [4]);
        Assert.IsTrue(OnnxParity.Check(network, path).IsWithin(1e-6));

        using (torch.no_grad())
        {
            linear.bias!.add_(0.01);
        }

        var parity = OnnxParity.Check(network, path);
        Assert.AreEqual(0.01, parity.MaxAbsDifference, 1e-5, parity.ToString());
        Assert.AreEqual(0.01, parity.Outputs.Single().MeanAbsDifference, 1e-5);
        Assert.AreEqual(6L * 3, parity.Outputs.Single().Count);
        Assert.IsFalse(parity.IsWithin(1e-4));
    }
}
