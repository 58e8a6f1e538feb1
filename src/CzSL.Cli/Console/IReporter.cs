namespace CzSL.Cli.Console;

/// <summary>One progress report of a long step: how far it is and a short status text (loss, images/s, ETA...).</summary>
public readonly record struct StepProgress(double Done, double Total, string Status = "");

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
}

/// <summary>Convenience overloads of <see cref="IReporter"/>.</summary>
public static class ReporterExtensions
{
    /// <summary>Runs synchronous work as a named step with progress (on a worker thread, so the display stays live).</summary>
    public static Task<T> Step<T>(this IReporter reporter, string name, Func<IProgress<StepProgress>, T> work) =>
        reporter.Step(name, progress => Task.Run(() => work(progress)));
}
