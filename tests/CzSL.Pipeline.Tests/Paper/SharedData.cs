using System.Runtime.CompilerServices;

namespace CzSL.Pipeline.Tests.Paper;

/// <summary>
/// Finds <c>../shared/data</c> next to the repository root (the folder holding CzSL.MLNet.sln), searching upwards from
/// the test binaries, the working directory and this source file (the binaries may live outside the tree).
/// </summary>
internal static class SharedData
{
    /// <summary>The path of <paramref name="relative"/> under the shared data folder, or marks the test inconclusive.</summary>
    public static string Require(string relative, [CallerFilePath] string sourceFile = "")
    {
        var root = new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" }
            .Select(FindRoot).FirstOrDefault(r => r is not null);
        var path = Path.GetFullPath(Path.Combine(root ?? Environment.CurrentDirectory, "..", "shared", "data", relative));
        if (!Directory.Exists(path)) Assert.Inconclusive($"shared data not found at {path}");
        return path;
    }

    /// <summary>The repository root (the folder holding CzSL.MLNet.sln).</summary>
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "") =>
        new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" }.Select(FindRoot).FirstOrDefault(r => r is not null)
        ?? throw new AssertFailedException("The repository root (CzSL.MLNet.sln) was not found above the test binaries, the working directory or the sources.");

    private static string? FindRoot(string start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CzSL.MLNet.sln"))) return dir.FullName;
        return null;
    }
}
