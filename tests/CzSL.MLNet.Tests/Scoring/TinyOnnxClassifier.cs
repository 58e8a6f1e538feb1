using CzSL.Data.Models;
using Google.Protobuf;
using Onnx;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>
/// A tiny CNN with known, seeded weights, written as ONNX with OnnxSharp:
/// image [N,3,H,W] → Conv(3→4, 3×3, pad 1) → Relu → GlobalAveragePool → Flatten ("embedding" [N,4])
/// → Gemm(4→C, transB) → Softmax ("probabilities" [N,C]). <see cref="Forward"/> computes the same in plain C#.
/// </summary>
internal sealed class TinyOnnxClassifier
{
    public const int Hidden = 4;
    private const int Kernel = 3;

    private readonly float[] _convW; // [Hidden,3,3,3]
    private readonly float[] _convB; // [Hidden]
    private readonly float[] _fcW;   // [C,Hidden]
    private readonly float[] _fcB;   // [C]

    public TinyOnnxClassifier(IReadOnlyList<string> classNames, int width, int height, int seed = 7)
    {
        ClassNames = classNames;
        Width = width;
        Height = height;
        var rng = new Random(seed);
        float Next(float scale) => (float)(rng.NextDouble() * 2 - 1) * scale;
        _convW = Enumerable.Range(0, Hidden * 3 * Kernel * Kernel).Select(_ => Next(1f)).ToArray();
        _convB = Enumerable.Range(0, Hidden).Select(_ => Next(0.2f)).ToArray();
        _fcW = Enumerable.Range(0, classNames.Count * Hidden).Select(_ => Next(6f)).ToArray();
        _fcB = Enumerable.Range(0, classNames.Count).Select(_ => Next(0.5f)).ToArray();
    }

    public IReadOnlyList<string> ClassNames { get; }
    public int Width { get; }
    public int Height { get; }
    private int Classes => ClassNames.Count;

    /// <summary>Writes "&lt;name&gt;.onnx" and "&lt;name&gt;.card.json" into <paramref name="folder"/>; returns the card path.</summary>
    public string WriteWithCard(string folder, string name, ModelKind kind = ModelKind.Classifier,
        float pixelScale = 1f / 255f, float pixelOffset = 0f)
    {
        Directory.CreateDirectory(folder);
        var onnxPath = Path.Combine(folder, name + ".onnx");
        BuildModel().WriteToFile(onnxPath);
        var card = new ModelCard
        {
            Kind = kind,
            OnnxFile = name + ".onnx",
            OnnxSha256 = ModelCard.ComputeSha256(onnxPath),
            Input = new ModelInputSpec { Width = Width, Height = Height, PixelScale = pixelScale, PixelOffset = pixelOffset },
            Outputs = kind == ModelKind.Classifier
                ? new ModelOutputSpec { Probabilities = "probabilities", Embedding = "embedding", EmbeddingSize = Hidden }
                : new ModelOutputSpec { Embedding = "embedding", EmbeddingSize = Hidden },
            ClassNames = kind == ModelKind.Classifier ? ClassNames : [],
            TrainingData = new Dictionary<string, long> { ["synthetic"] = 0 },
            Metrics = new Dictionary<string, double>(),
            Exporter = new ExporterInfo("TinyOnnxClassifier", "1"),
            CreatedUtc = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        var cardPath = Path.Combine(folder, name + ".card.json");
        card.Save(cardPath);
        return cardPath;
    }

    /// <summary>Reference forward pass on one planar [3,H,W] input: (probabilities [C], embedding [Hidden]).</summary>
    public (float[] Probabilities, float[] Embedding) Forward(float[] chw)
    {
        int h = Height, w = Width;
        var embedding = new double[Hidden];
        for (var o = 0; o < Hidden; o++)
        {
            double sum = 0;
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double acc = _convB[o];
                for (var c = 0; c < 3; c++)
                for (var ky = 0; ky < Kernel; ky++)
                for (var kx = 0; kx < Kernel; kx++)
                {
                    int iy = y + ky - 1, ix = x + kx - 1;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                    acc += _convW[((o * 3 + c) * Kernel + ky) * Kernel + kx] * chw[(c * h + iy) * w + ix];
                }
                sum += Math.Max(0, acc);
            }
            embedding[o] = sum / (h * w);
        }
        var logits = new double[Classes];
        for (var k = 0; k < Classes; k++)
        {
            logits[k] = _fcB[k];
            for (var o = 0; o < Hidden; o++) logits[k] += _fcW[k * Hidden + o] * embedding[o];
        }
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var total = exp.Sum();
        return (exp.Select(e => (float)(e / total)).ToArray(), embedding.Select(e => (float)e).ToArray());
    }

    private ModelProto BuildModel()
    {
        var graph = new GraphProto { Name = "tiny_czsl" };
        graph.Input.Add(Value("image", ["N", 3, Height, Width]));
        graph.Output.Add(Value("probabilities", ["N", Classes]));
        graph.Output.Add(Value("embedding", ["N", Hidden]));
        graph.Initializer.Add(Tensor("conv.weight", [Hidden, 3, Kernel, Kernel], _convW));
        graph.Initializer.Add(Tensor("conv.bias", [Hidden], _convB));
        graph.Initializer.Add(Tensor("fc.weight", [Classes, Hidden], _fcW));
        graph.Initializer.Add(Tensor("fc.bias", [Classes], _fcB));
        graph.Node.Add(Node("Conv", ["image", "conv.weight", "conv.bias"], "conv",
            Ints("kernel_shape", Kernel, Kernel), Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1)));
        graph.Node.Add(Node("Relu", ["conv"], "relu"));
        graph.Node.Add(Node("GlobalAveragePool", ["relu"], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "embedding", Int("axis", 1)));
        graph.Node.Add(Node("Gemm", ["embedding", "fc.weight", "fc.bias"], "logits", Int("transB", 1)));
        graph.Node.Add(Node("Softmax", ["logits"], "probabilities", Int("axis", 1)));
        var model = new ModelProto { IrVersion = 8, ProducerName = "CzSL.MLNet.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    private static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string p
                ? new TensorShapeProto.Types.Dimension { DimParam = p }
                : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length); // little-endian on every supported platform
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
