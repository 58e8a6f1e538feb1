using System.Runtime.InteropServices;

namespace CzSL.Training.Native;

/// <summary>The few glibc calls that tune the native allocator libtorch uses.</summary>
internal static partial class LibC
{
    /// <summary>mallopt parameter: size above which malloc uses mmap (default 128 KiB, dynamic).</summary>
    public const int M_MMAP_THRESHOLD = -3;

    /// <summary>mallopt parameter: free memory at the heap top above which malloc returns it to the OS.</summary>
    public const int M_TRIM_THRESHOLD = -1;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    public static partial int MallOpt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);
}
