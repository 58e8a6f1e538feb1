namespace CzSL.Training.Onnx;

/// <summary>Name and shape of one graph input or output; the batch dimension is dynamic ("N") and not listed.</summary>
/// <param name="Name">ONNX value name, e.g. <c>image</c> or <c>probabilities</c>.</param>
/// <param name="DimsAfterBatch">Static dimensions after the batch dimension, e.g. [3, 64, 64].</param>
public sealed record OnnxTensorInfo(string Name, IReadOnlyList<long> DimsAfterBatch)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} [N, {string.Join(", ", DimsAfterBatch)}]";
}

/// <summary>What an export wrote.</summary>
/// <param name="Path">Full path of the ONNX file.</param>
/// <param name="Input">The single float input.</param>
/// <param name="Outputs">The float outputs, in graph order.</param>
/// <param name="NodeCount">Number of ONNX nodes in the graph.</param>
public sealed record OnnxExportResult(string Path, OnnxTensorInfo Input, IReadOnlyList<OnnxTensorInfo> Outputs, int NodeCount);
