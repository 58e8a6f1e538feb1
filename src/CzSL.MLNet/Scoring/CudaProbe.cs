using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Finds out, without asking ONNX Runtime to start CUDA, whether its CUDA provider can load here: the CUDA driver and
/// the provider library with every library it links (cuBLAS, cuDNN, the CUDA runtime). ONNX Runtime itself prints a
/// red error line on the console when the provider fails to load, whatever the session's log level, so the scoring
/// code asks this first and never tries CUDA on a machine without it.
/// </summary>
public static class CudaProbe
{
    private static readonly Lazy<string?> Problem = new(FindProblem, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when the CUDA provider can load; otherwise why it cannot (one line, e.g. the missing library).</summary>
    public static string? UnavailableReason => Problem.Value;

    /// <summary>True when the CUDA provider can load (a session on it may still fail, e.g. with no free device).</summary>
    public static bool IsAvailable => UnavailableReason is null;

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return "ONNX Runtime's CUDA provider exists for Linux and Windows only";
        if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
            return "this ONNX Runtime build has no CUDA provider";
        var driver = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(driver, out _)) return $"no CUDA driver ({driver} not found)";
        var folder = NativeFolder();
        if (folder is null) return "the ONNX Runtime native library was not found among the loaded modules";
        var (shared, cuda) = OperatingSystem.IsWindows()
            ? ("onnxruntime_providers_shared.dll", "onnxruntime_providers_cuda.dll")
            : ("libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so");
        var provider = Path.Combine(folder, cuda);
        if (!File.Exists(provider)) return $"no CUDA provider library ({provider})";
        try
        {
            NativeLibrary.Load(Path.Combine(folder, shared));
            NativeLibrary.Load(provider);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return MissingLibrary(e.Message);
        }
    }

    // The folder of the loaded ONNX Runtime library: the providers sit next to it.
    private static string? NativeFolder()
    {
        var name = OperatingSystem.IsWindows() ? "onnxruntime.dll" : "libonnxruntime.so";
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            var file = module.FileName;
            if (Path.GetFileName(file).StartsWith(name, StringComparison.OrdinalIgnoreCase)) return Path.GetDirectoryName(file);
        }
        return null;
    }

    // dlopen's message ends with "<library>: cannot open shared object file: ..."; keep that part, on one line.
    private static string MissingLibrary(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var cut = line.LastIndexOf(".so: ", StringComparison.Ordinal);
        var reason = cut >= 0 ? line[(cut + 5)..].Trim() : line.Trim();
        return reason.Length > 200 ? reason[..200] + "…" : reason;
    }
}
