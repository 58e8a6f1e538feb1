using CzSL.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training;

/// <summary>How <see cref="TorchRuntime.Initialise"/> set libtorch up.</summary>
/// <param name="Threads">Intra-op threads libtorch uses.</param>
/// <param name="Device">Device the stages train and predict on.</param>
/// <param name="AllocatorTuned">Whether the glibc allocator settings were applied before libtorch's first allocation.</param>
/// <param name="CudaAvailable">Whether libtorch sees a CUDA device.</param>
public sealed record TorchRuntimeInfo(int Threads, Device Device, bool AllocatorTuned, bool CudaAvailable);

/// <summary>
/// One-time libtorch setup: allocator tuning (must precede the first tensor), thread count and device choice.
/// Every stage calls <see cref="EnsureInitialised"/>; call <see cref="Initialise"/> first to choose other settings.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Device names <see cref="Initialise"/> accepts.</summary>
    public static readonly IReadOnlyList<string> DeviceNames = ["auto", "cpu", "cuda"];

    private static readonly Lock Gate = new();
    private static TorchRuntimeInfo? _info;
    private static bool _allocatorTuned;
    private static bool _allocatorAttempted;

    /// <summary>The current settings (initialising with defaults if nobody has yet).</summary>
    public static TorchRuntimeInfo Info => EnsureInitialised();

    /// <summary>The device stages use.</summary>
    public static Device Device => EnsureInitialised().Device;

    /// <summary>
    /// Sets libtorch up. The allocator settings (glibc mallopt: mmap threshold 32 MiB, no heap trimming; libtorch's
    /// transparent huge pages) are applied on the first call only, before any libtorch call; later calls may change the
    /// thread count and device.
    /// </summary>
    /// <param name="threads">Intra-op threads; 0 = the number of physical cores.</param>
    /// <param name="device">"auto" (CUDA when available, else CPU), "cpu" or "cuda" (fails when no CUDA device is visible).</param>
    public static TorchRuntimeInfo Initialise(int threads = 0, string device = "auto")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentNullException.ThrowIfNull(device);
        var name = device.Trim().ToLowerInvariant();
        if (!DeviceNames.Contains(name))
            throw new ArgumentException($"Unknown device '{device}': use one of {string.Join(", ", DeviceNames)}.", nameof(device));
        lock (Gate)
        {
            if (!_allocatorAttempted)
            {
                _allocatorAttempted = true;
                _allocatorTuned = NativeAllocator.Configure();
            }
            var count = threads == 0 ? CpuInfo.PhysicalCores() : threads;
            torch.set_num_threads(count);
            var cuda = torch.cuda.is_available();
            var chosen = name switch
            {
                "cpu" => torch.CPU,
                "cuda" when cuda => torch.CUDA,
                "cuda" => throw new CudaUnavailableException("Device 'cuda' was asked for but libtorch sees no CUDA device (CPU-only build or no GPU); use 'auto' or 'cpu'."),
                _ => cuda ? torch.CUDA : torch.CPU,
            };
            _info = new TorchRuntimeInfo(torch.get_num_threads(), chosen, _allocatorTuned, cuda);
            return _info;
        }
    }

    /// <summary>The settings made so far, or <see cref="Initialise"/> with defaults when there are none.</summary>
    public static TorchRuntimeInfo EnsureInitialised()
    {
        lock (Gate)
        {
            return _info ?? Initialise();
        }
    }

    /// <summary>Seeds libtorch's CPU (and CUDA) generators: weight initialisation and dropout become a function of <paramref name="seed"/>.</summary>
    public static void Seed(long seed)
    {
        EnsureInitialised();
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}

/// <summary>Training on CUDA was asked for, but libtorch sees no CUDA device here.</summary>
public sealed class CudaUnavailableException(string message) : InvalidOperationException(message);
