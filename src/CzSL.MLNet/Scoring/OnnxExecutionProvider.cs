using Microsoft.ML.OnnxRuntime;

namespace CzSL.MLNet.Scoring;

/// <summary>Which ONNX Runtime execution provider a session actually uses.</summary>
/// <param name="Provider">"CUDA" or "CPU".</param>
/// <param name="DeviceId">The CUDA device, or null on CPU.</param>
/// <param name="FallbackReason">Why CUDA was not used although it was asked for (null when it was not asked for).</param>
public sealed record ExecutionProviderInfo(string Provider, int? DeviceId, string? FallbackReason)
{
    /// <summary>True when the session runs on CUDA.</summary>
    public bool IsCuda => Provider == OnnxExecutionProvider.Cuda;

    /// <summary>"CUDA:0", "CPU", or "CPU (CUDA unavailable: reason)".</summary>
    public override string ToString() =>
        IsCuda ? $"CUDA:{DeviceId}" : FallbackReason is null ? "CPU" : $"CPU (CUDA unavailable: {FallbackReason})";
}

/// <summary>Creates ONNX Runtime sessions on the requested device and reports which provider really runs.</summary>
public static class OnnxExecutionProvider
{
    /// <summary>Provider name of CUDA.</summary>
    public const string Cuda = "CUDA";
    /// <summary>Provider name of the CPU.</summary>
    public const string Cpu = "CPU";

    /// <summary>Parses "auto", "cpu" or "cuda" (any case).</summary>
    /// <exception cref="ArgumentException">Another value; the message lists the valid ones.</exception>
    public static ScoringDevice ParseDevice(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => ScoringDevice.Auto,
        "cpu" => ScoringDevice.Cpu,
        "cuda" or "gpu" => ScoringDevice.Cuda,
        _ => throw new ArgumentException($"Unknown device '{text}'; expected auto, cpu or cuda.", nameof(text)),
    };

    /// <summary>
    /// The <c>gpuDeviceId</c>/<c>fallbackToCpu</c> pair for ML.NET's ApplyOnnxModel that matches <paramref name="device"/>.
    /// Auto on a machine where the CUDA provider cannot load (<see cref="CudaProbe"/>) gives CPU outright, so ONNX
    /// Runtime never tries CUDA and prints no error.
    /// </summary>
    public static (int? GpuDeviceId, bool FallbackToCpu) MlNetSettings(ScoringDevice device, int deviceId = 0) => device switch
    {
        ScoringDevice.Cpu => (null, false),
        ScoringDevice.Cuda => (deviceId, false),
        _ when !CudaProbe.IsAvailable => (null, false),
        _ => (deviceId, true),
    };

    /// <summary>
    /// Opens <paramref name="onnxPath"/> on <paramref name="device"/>: for Auto and Cuda it first checks that the CUDA
    /// provider can load (<see cref="CudaProbe"/>), then tries a session with it; Auto falls back to CPU and records why.
    /// </summary>
    /// <param name="onnxPath">The ONNX file.</param>
    /// <param name="device">Requested device.</param>
    /// <param name="deviceId">CUDA device id.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads (0 = its default).</param>
    /// <param name="info">The provider that runs the session.</param>
    /// <exception cref="ExecutionProviderUnavailableException"><see cref="ScoringDevice.Cuda"/> was asked for and CUDA cannot start.</exception>
    public static InferenceSession CreateSession(string onnxPath, ScoringDevice device, int deviceId, int intraOpThreads,
        out ExecutionProviderInfo info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var reason = device == ScoringDevice.Cpu ? null : CudaProbe.UnavailableReason;
        if (reason is not null && device == ScoringDevice.Cuda)
            throw new ExecutionProviderUnavailableException($"The CUDA execution provider (device {deviceId}) is unavailable: {reason}");
        if (device != ScoringDevice.Cpu && reason is null)
        {
            var options = NewOptions(intraOpThreads);
            // A missing CUDA runtime is expected on CPU machines: report it through the result, not ONNX Runtime's log.
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            try
            {
                options.AppendExecutionProvider_CUDA(deviceId);
                var session = new InferenceSession(onnxPath, options);
                info = new ExecutionProviderInfo(Cuda, deviceId, null);
                return session;
            }
            catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                reason = FirstLine(e.Message);
                if (device == ScoringDevice.Cuda)
                    throw new ExecutionProviderUnavailableException($"The CUDA execution provider (device {deviceId}) is unavailable: {reason}", e);
            }
            finally
            {
                options.Dispose();
            }
        }
        using var cpuOptions = NewOptions(intraOpThreads);
        var cpu = new InferenceSession(onnxPath, cpuOptions);
        info = new ExecutionProviderInfo(Cpu, null, reason);
        return cpu;
    }

    /// <summary>Opens and closes a session to find which provider <paramref name="device"/> gives for this model.</summary>
    public static ExecutionProviderInfo Probe(string onnxPath, ScoringDevice device = ScoringDevice.Auto, int deviceId = 0)
    {
        using var session = CreateSession(onnxPath, device, deviceId, 0, out var info);
        return info;
    }

    /// <summary>The providers compiled into the loaded ONNX Runtime (e.g. CUDAExecutionProvider, CPUExecutionProvider).</summary>
    public static IReadOnlyList<string> CompiledProviders() => OrtEnv.Instance().GetAvailableProviders();

    private static SessionOptions NewOptions(int intraOpThreads)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        return options;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

/// <summary>The execution provider asked for cannot start on this machine (e.g. <c>--device cuda</c> without CUDA).</summary>
public sealed class ExecutionProviderUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
