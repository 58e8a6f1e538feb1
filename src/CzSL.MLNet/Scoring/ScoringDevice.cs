namespace CzSL.MLNet.Scoring;

/// <summary>Where ONNX Runtime should run a network (the CLI's <c>--device auto|cpu|cuda</c>).</summary>
public enum ScoringDevice
{
    /// <summary>CUDA when its provider starts, otherwise CPU (the reason is reported).</summary>
    Auto,
    /// <summary>CPU only.</summary>
    Cpu,
    /// <summary>CUDA only: fail when the CUDA provider cannot start.</summary>
    Cuda,
}
