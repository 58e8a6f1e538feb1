namespace CzSL.Training.Native;

/// <summary>
/// Tunes glibc's allocator for libtorch before its first allocation. With glibc's defaults every training batch maps
/// and unmaps its large activation buffers (thousands of page faults per batch); keeping them in the heap and letting
/// libtorch use 2 MiB transparent huge pages made training 3–7× faster on our CPUs.
/// </summary>
internal static class NativeAllocator
{
    /// <summary>Applies the settings; returns false where they do not apply (not Linux/glibc) or glibc refused them.</summary>
    public static bool Configure()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var ok = LibC.MallOpt(LibC.M_MMAP_THRESHOLD, 32 << 20) == 1;
            ok &= LibC.MallOpt(LibC.M_TRIM_THRESHOLD, int.MaxValue) == 1;
            // .NET's Environment.SetEnvironmentVariable does not reach native getenv on Linux.
            ok &= LibC.SetEnv("THP_MEM_ALLOC_ENABLE", "1", 1) == 0;
            return ok;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl or another libc without mallopt.
        }
    }
}
