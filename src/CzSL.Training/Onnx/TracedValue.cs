using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// A value in the ONNX graph under construction together with the TorchSharp tensor the same layers produce for a
/// batch-of-one sample: the sample gives every layer's exact input and output shapes.
/// </summary>
/// <param name="Name">ONNX value name.</param>
/// <param name="Sample">TorchSharp output for the tracing sample (batch 1).</param>
internal readonly record struct TracedValue(string Name, Tensor Sample)
{
    /// <summary>The sample's shape without the batch dimension.</summary>
    public long[] DimsAfterBatch => Sample.shape[1..];
}
