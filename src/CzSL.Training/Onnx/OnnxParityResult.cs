using System.Globalization;

namespace CzSL.Training.Onnx;

/// <summary>Agreement of one ONNX output with the TorchSharp network's value for it.</summary>
/// <param name="Output">ONNX output name.</param>
/// <param name="MaxAbsDifference">Largest |TorchSharp − ONNX Runtime| over all compared values (NaN if a compared value is NaN).</param>
/// <param name="MeanAbsDifference">Mean |TorchSharp − ONNX Runtime|.</param>
/// <param name="Count">Number of values compared (all samples, all elements).</param>
public sealed record OnnxOutputParity(string Output, double MaxAbsDifference, double MeanAbsDifference, long Count)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Output}: max |diff| {MaxAbsDifference:G3}, mean {MeanAbsDifference:G3} over {Count} values");
}

/// <summary>Result of <see cref="OnnxParity"/>: per output, how far ONNX Runtime's values are from TorchSharp's.</summary>
/// <param name="Outputs">One entry per ONNX output, in graph order.</param>
/// <param name="RandomSamples">Number of random (seeded, uniform [0, 1)) inputs compared.</param>
/// <param name="ImageSamples">Number of given image inputs compared.</param>
public sealed record OnnxParityResult(IReadOnlyList<OnnxOutputParity> Outputs, int RandomSamples, int ImageSamples)
{
    /// <summary>The largest difference over all outputs (NaN if any output has one).</summary>
    public double MaxAbsDifference =>
        Outputs.Select(o => o.MaxAbsDifference).Aggregate(0.0, (a, b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b));

    /// <summary>True when every output's largest difference is at most <paramref name="tolerance"/> (false on NaN).</summary>
    public bool IsWithin(double tolerance) => Outputs.All(o => o.MaxAbsDifference <= tolerance);

    /// <inheritdoc />
    public override string ToString() =>
        $"{string.Join("; ", Outputs)} ({RandomSamples} random + {ImageSamples} image inputs)";
}
