using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// Accumulates the nodes, weights (initialisers), inputs and outputs of one ONNX graph and builds the
/// <see cref="ModelProto"/>. Value and node names are made unique here.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>Symbolic name of the dynamic batch dimension.</summary>
    public const string BatchDimension = "N";

    /// <summary>ONNX operator set the exporter writes (default domain).</summary>
    public const long OpsetVersion = 17;

    /// <summary>IR version that goes with opset 17 (ONNX 1.12); ONNX Runtime 1.31 reads it.</summary>
    public const long IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Declares a float graph input of shape [N, dims...] (batch dimension dynamic).</summary>
    public void AddInput(string name, IReadOnlyList<long> dimsAfterBatch)
    {
        Reserve(name);
        _graph.Input.Add(FloatValueInfo(name, dimsAfterBatch));
    }

    /// <summary>Reserves the names of the graph outputs before any layer can take them.</summary>
    public void ReserveOutputNames(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Reserve(name);
        }
    }

    /// <summary>
    /// Declares a float graph output of shape [N, dims...] (batch dimension dynamic), fed by an Identity node from
    /// <paramref name="value"/>. The name must have been reserved with <see cref="ReserveOutputNames"/>.
    /// </summary>
    public void AddOutput(string name, string value, IReadOnlyList<long> dimsAfterBatch)
    {
        var node = new NodeProto { OpType = "Identity", Name = $"{name}/Identity" };
        node.Input.Add(value);
        node.Output.Add(name);
        _graph.Node.Add(node);
        _graph.Output.Add(FloatValueInfo(name, dimsAfterBatch));
    }

    /// <summary>Returns <paramref name="preferred"/> or, when taken, the first free <c>preferred_k</c>, and reserves it.</summary>
    public string UniqueName(string preferred)
    {
        var name = preferred;
        for (var k = 1; _names.Contains(name); k++)
        {
            name = $"{preferred}_{k}";
        }

        Reserve(name);
        return name;
    }

    /// <summary>Stores a tensor (any dtype/device) as a float32 initialiser and returns its name.</summary>
    public string AddFloatInitializer(string preferredName, Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        return AddFloatInitializer(preferredName, cpu.data<float>().ToArray(), cpu.shape);
    }

    /// <summary>Stores float32 values with the given shape as an initialiser and returns its name.</summary>
    public string AddFloatInitializer(string preferredName, float[] values, IReadOnlyList<long> shape)
    {
        var name = UniqueName(preferredName);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape);
        proto.RawData = ByteString.CopyFrom(LittleEndianBytes(values));
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>Stores int64 values as a 1-D initialiser (e.g. a Reshape target) and returns its name.</summary>
    public string AddInt64Initializer(string preferredName, long[] values)
    {
        var name = UniqueName(preferredName);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.RawData = ByteString.CopyFrom(LittleEndianBytes(values));
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds a node with one output named after <paramref name="outputName"/> (made unique); returns the output's name.</summary>
    public string AddNode(string opType, string nodeName, IEnumerable<string> inputs, string outputName,
        params AttributeProto[] attributes)
    {
        var output = UniqueName(outputName);
        var node = new NodeProto { OpType = opType, Name = $"{nodeName}/{opType}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Builds the model: opset 17, IR 8, producer and metadata properties.</summary>
    public ModelProto BuildModel(string producerVersion, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = OnnxExporter.Producer,
            ProducerVersion = producerVersion,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, double value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private void Reserve(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"ONNX value name '{name}' is used twice.");
        }
    }

    private static ValueInfoProto FloatValueInfo(string name, IReadOnlyList<long> dimsAfterBatch)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var dim in dimsAfterBatch)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static byte[] LittleEndianBytes<T>(T[] values) where T : struct
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this machine is big-endian.");
        }

        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
