using System.Runtime.CompilerServices;

namespace CzSL.Data.Tests;

/// <summary>The shared real-data folder (../shared/data next to the repository), when present.</summary>
internal static class PaperData
{
    public static string? Folder(string name, [CallerFilePath] string source = "")
    {
        var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
        var folder = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data", name));
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>Rows of a comma-separated table without quoting, as dictionaries keyed by header name.</summary>
    public static List<Dictionary<string, string>> Table(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
