using System.CommandLine;

namespace CzSL.Cli.Commands.Data;

/// <summary>The command line a result came from, for the provenance line of a written report.</summary>
internal static class DataCommandLine
{
    /// <summary><c>czsl</c> followed by the parsed tokens (quoted where they hold spaces).</summary>
    public static string Of(ParseResult parse) =>
        "czsl " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
}
