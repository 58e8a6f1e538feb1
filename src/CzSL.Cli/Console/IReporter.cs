namespace CzSL.Cli.Console;

/// <summary>One progress report of a long step: how far it is and a short status text (loss, images/s, ETA...).</summary>
public readonly record struct StepProgress(double Done, double Total, string Status = "");

/// <summary>How much a command says: everything, only warnings and errors, or one JSON document of its results.</summary>
public enum OutputMode
{
    /// <summary>Progress, information, tables and results for a person.</summary>
    Normal,
    /// <summary>Only warnings and errors (on the error stream); the exit code says the rest.</summary>
    Quiet,
    /// <summary>Warnings and errors on the error stream; on standard output one JSON document of the command's tables and messages.</summary>
    Json,
}

/// <summary>
/// Everything a command says to the user goes through this interface, so tests can run commands with a fake reporter
/// and the console rendering (Spectre.Console) stays in one place.
/// </summary>
public interface IReporter
{
    /// <summary>A plain informational line.</summary>
    void Info(string message);
    /// <summary>A success line (e.g. where the outputs were written).</summary>
    void Success(string message);
    /// <summary>A warning line.</summary>
    void Warn(string message);
    /// <summary>An error line (on the error stream).</summary>
    void Error(string message);
    /// <summary>Text shown as is after an error, e.g. a stack trace or a hint (on the error stream).</summary>
    void Detail(string text);
    /// <summary>A table with a title.</summary>
    void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows);
    /// <summary>Runs <paramref name="work"/> as a named step with a live progress display.</summary>
    Task<T> Step<T>(string name, Func<IProgress<StepProgress>, Task<T>> work);
    /// <summary>The output mode (set from <c>--quiet</c> / <c>--json</c> before a command runs).</summary>
    OutputMode Mode { get; set; }
    /// <summary>Ends a command: under <see cref="OutputMode.Json"/>, writes its document (command, exit code, tables, messages).</summary>
    void Finish(string command, int exitCode);
}

/// <summary>Convenience overloads of <see cref="IReporter"/>.</summary>
public static class ReporterExtensions
{
    /// <summary>Runs synchronous work as a named step with progress (on a worker thread, so the display stays live).</summary>
    public static Task<T> Step<T>(this IReporter reporter, string name, Func<IProgress<StepProgress>, T> work) =>
        reporter.Step(name, progress => Task.Run(() => work(progress)));
}
