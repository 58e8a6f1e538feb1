using CzSL.Cli.Console;

namespace CzSL.Cli.Commands;

/// <summary>Runs a command body and turns the exceptions users can cause into a clear message and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; bad input → <see cref="ExitCodes.BadInput"/>, cancellation → 130.</summary>
    public static async Task<int> Run(IReporter reporter, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            reporter.Error("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or DirectoryNotFoundException
                                      or InvalidDataException or ArgumentException)
        {
            reporter.Error(e.Message);
            return ExitCodes.BadInput;
        }
    }
}
