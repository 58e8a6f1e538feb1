using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CzSL.Cli.Console;
using CzSL.Data;

namespace CzSL.Cli.Commands.Data;

/// <summary>Shows markdown tables rendered by the libraries on the console and writes them, with their provenance, to a file.</summary>
internal static class MarkdownReport
{
    /// <summary>Prints a pipe table (header, separator, rows) through <see cref="IReporter.Table"/>.</summary>
    public static void Show(IReporter reporter, string title, string markdownTable)
    {
        var lines = markdownTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2) throw new InvalidOperationException("A markdown table needs a header and a separator line.");
        static IReadOnlyList<string> Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        reporter.Table(title, Cells(lines[0]), lines.Skip(2).Select(Cells));
    }

    /// <summary>The machine a measurement ran on, in words.</summary>
    public static string Machine() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");

    /// <summary>
    /// Writes <paramref name="sections"/> (heading, markdown body) under a title and a provenance line (command, UTC date,
    /// machine, wall time) to <paramref name="path"/>, atomically.
    /// </summary>
    public static void Write(string path, string title, string command, TimeSpan wall, IEnumerable<(string Heading, string Body)> sections)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(title).AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Machine()}; wall time {wall.TotalSeconds:F1} s."));
        foreach (var (heading, body) in sections)
            text.AppendLine().Append("## ").AppendLine(heading).AppendLine().Append(body.TrimEnd()).AppendLine();
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
