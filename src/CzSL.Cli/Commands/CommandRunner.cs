using System.CommandLine;
using CzSL.Cli.Console;

namespace CzSL.Cli.Commands;

/// <summary>Runs a command body and turns every exception into one error line and an exit code (<see cref="CommandErrors"/>).</summary>
public static class CommandRunner
{
    /// <summary>The root's <c>--verbose</c> option: stack traces of internal errors.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>
    /// Runs <paramref name="body"/>; an exception becomes one <c>error:</c> line (on the error stream) and the exit code
    /// <see cref="CommandErrors.Classify"/> gives it; for an internal error the stack trace follows when the command line
    /// has <c>--verbose</c>.
    /// </summary>
    public static async Task<int> Run(IReporter reporter, ParseResult parse, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return await body();
        }
        catch (Exception e)
        {
            var error = CommandErrors.Classify(e);
            reporter.Error(error.Message);
            if (error.Internal)
            {
                if (IsVerbose(parse)) reporter.Detail(e.ToString());
                else reporter.Detail($"run again with {VerboseOption} for the stack trace");
            }
            return error.ExitCode;
        }
    }

    private static bool IsVerbose(ParseResult parse) =>
        parse.RootCommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == VerboseOption) is { } option
        && parse.GetValue(option);
}
