using System.CommandLine;
using CzSL.Cli.Console;

namespace CzSL.Cli.Commands;

/// <summary>Runs a command body and turns every exception into one error line and an exit code (<see cref="CommandErrors"/>).</summary>
public static class CommandRunner
{
    /// <summary>The root's <c>--verbose</c> option: stack traces of internal errors.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>The root's <c>--quiet</c> option: only warnings and errors.</summary>
    public const string QuietOption = "--quiet";

    /// <summary>The root's <c>--json</c> option: one JSON document of the command's results on standard output.</summary>
    public const string JsonOption = "--json";

    /// <summary>
    /// Runs <paramref name="body"/>; an exception becomes one <c>error:</c> line (on the error stream) and the exit code
    /// <see cref="CommandErrors.Classify"/> gives it; for an internal error the stack trace follows when the command line
    /// has <c>--verbose</c>.
    /// </summary>
    public static async Task<int> Run(IReporter reporter, ParseResult parse, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(parse);
        reporter.Mode = Flag(parse, JsonOption) ? OutputMode.Json : Flag(parse, QuietOption) ? OutputMode.Quiet : OutputMode.Normal;
        int code;
        try
        {
            code = await body();
        }
        catch (Exception e)
        {
            var error = CommandErrors.Classify(e);
            reporter.Error(error.Message);
            if (error.Internal)
            {
                if (Flag(parse, VerboseOption)) reporter.Detail(e.ToString());
                else reporter.Detail($"run again with {VerboseOption} for the stack trace");
            }
            code = error.ExitCode;
        }
        reporter.Finish(CommandPath(parse), code);
        return code;
    }

    /// <summary>The verb path, e.g. "data import".</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }

    private static bool Flag(ParseResult parse, string name) =>
        parse.RootCommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == name) is { } option
        && parse.GetValue(option);
}
