using System.Runtime.CompilerServices;

namespace CzSL.Cli.Tests.Reproduce;

/// <summary>Finds ../shared/data next to the repository (the folder holding CzSL.MLNet.sln).</summary>
internal static class SharedPaperData
{
    /// <summary>
    /// The shared data folder, or null (with the reason) when this checkout has none. Walks up from the test binaries,
    /// then from this source file (builds may put binaries outside the repository, e.g. CZSL_ARTIFACTS).
    /// </summary>
    public static string? Find(out string reason, [CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "CzSL.MLNet.sln"))) continue;
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                reason = $"no shared data at {data} (a fresh clone has none)";
                return Directory.Exists(Path.Combine(data, "czsl-paper")) ? data : null;
            }
        }
        reason = $"CzSL.MLNet.sln not found above {AppContext.BaseDirectory} or {sourceFile}";
        return null;
    }
}
