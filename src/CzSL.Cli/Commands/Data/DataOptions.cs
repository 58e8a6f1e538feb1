using System.CommandLine;

namespace CzSL.Cli.Commands.Data;

/// <summary>Options several <c>czsl data</c> verbs share, created fresh per command.</summary>
internal static class DataOptions
{
    /// <summary><c>--tables</c>: the folder of the paper's ten test files and SHA256SUMS (required).</summary>
    public static Option<DirectoryInfo> Tables() => new("--tables")
    {
        Description = "Folder of the CzSL paper's tables: GZ1_Expert-{ESRL,MG}_test_{1..5}.csv and SHA256SUMS (e.g. ../shared/data/czsl-paper).",
        Required = true,
    };

    /// <summary><c>--manifest</c>: a dataset folder holding manifest.csv (required).</summary>
    public static Option<DirectoryInfo> Manifest(string description) => new("--manifest") { Description = description, Required = true };

    /// <summary><c>--out</c>: a required output folder.</summary>
    public static Option<DirectoryInfo> RequiredOut(string description) => new("--out") { Description = description, Required = true };

    /// <summary><c>--markdown</c>: an optional markdown file to write the result tables to.</summary>
    public static Option<FileInfo?> Markdown() => new("--markdown")
    {
        Description = "Also write the tables, with the command, date and machine, to this markdown file.",
    };
}
