using System.Runtime.CompilerServices;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>Finds the shared real-data folder (../shared next to the repository root holding CzSL.MLNet.sln).</summary>
internal static class SharedData
{
    /// <summary>The repository root, searched upwards from the test binaries, the working directory and this source file.</summary>
    public static string? RepoRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CzSL.MLNet.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The GZ1 SDSS image folder, or null (with the reason) when it is absent.</summary>
    public static string? Gz1Images(out string reason)
    {
        var root = RepoRoot();
        if (root is null)
        {
            reason = "the repository root (CzSL.MLNet.sln) was not found above the test binaries";
            return null;
        }
        var images = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "gz1-sdss", "images"));
        reason = $"real GZ1 images are not available at '{images}' (shared data is absent on a fresh clone)";
        return Directory.Exists(images) ? images : null;
    }
}
