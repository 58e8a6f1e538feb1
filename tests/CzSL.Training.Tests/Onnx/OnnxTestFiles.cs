using System.Runtime.CompilerServices;

namespace CzSL.Training.Tests.Onnx;

/// <summary>A fresh temporary folder for one test's ONNX files, deleted on dispose.</summary>
internal sealed class OnnxTempFolder : IDisposable
{
    public OnnxTempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "czsl-onnx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Locates the shared real-data folder (../shared/data beside the repository root).</summary>
internal static class SharedData
{
    /// <summary>
    /// The folder <c>../shared/data/<paramref name="relative"/></c> next to the repository root, or null when absent.
    /// The root is found by walking up from the test binaries to CzSL.MLNet.sln, or, when the binaries live outside
    /// the checkout (CZSL_ARTIFACTS), from this source file's location.
    /// </summary>
    public static string? Folder(string relative, [CallerFilePath] string source = "")
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(source) ?? "");
        if (root is null)
        {
            return null;
        }

        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", relative));
        return Directory.Exists(folder) ? folder : null;
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CzSL.MLNet.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
