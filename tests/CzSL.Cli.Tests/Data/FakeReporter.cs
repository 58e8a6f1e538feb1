using System.Collections.Concurrent;
using CzSL.Cli.Console;

namespace CzSL.Cli.Tests.Data;

/// <summary>A reporter that records every line, table and step, for assertions.</summary>
internal sealed class FakeReporter : IReporter
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every message, prefixed by its kind ("info: ", "success: ", "warn: ", "error: ", "detail: ", "step: ").</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Tables by title.</summary>
    public Dictionary<string, (IReadOnlyList<string> Headers, List<IReadOnlyList<string>> Rows)> Tables { get; } = new();

    /// <summary>Progress reports of all steps.</summary>
    public ConcurrentQueue<StepProgress> Progress { get; } = new();

    public OutputMode Mode { get; set; }

    /// <summary>Commands finished (name, exit code).</summary>
    public ConcurrentQueue<(string Command, int ExitCode)> Finished { get; } = new();

    public void Finish(string command, int exitCode) => Finished.Enqueue((command, exitCode));

    public void Info(string message) => _lines.Enqueue("info: " + message);
    public void Success(string message) => _lines.Enqueue("success: " + message);
    public void Warn(string message) => _lines.Enqueue("warn: " + message);
    public void Error(string message) => _lines.Enqueue("error: " + message);
    public void Detail(string text) => _lines.Enqueue("detail: " + text);

    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        Tables[title] = (headers, rows.ToList());

    public async Task<T> Step<T>(string name, Func<IProgress<StepProgress>, Task<T>> work)
    {
        _lines.Enqueue("step: " + name);
        return await work(new Recorder(Progress));
    }

    /// <summary>The cell in column <paramref name="column"/> of the row whose first cell is <paramref name="rowLabel"/>.</summary>
    public string Cell(string title, string rowLabel, int column = 1)
    {
        Assert.IsTrue(Tables.TryGetValue(title, out var table), $"no table '{title}'; tables: {string.Join(" | ", Tables.Keys)}");
        var row = table.Rows.FirstOrDefault(r => r[0] == rowLabel);
        Assert.IsNotNull(row, $"table '{title}' has no row '{rowLabel}'; rows: {string.Join(" | ", table.Rows.Select(r => r[0]))}");
        return row[column];
    }

    /// <summary>The one line of <paramref name="kind"/> containing <paramref name="fragment"/>, or fails listing all lines.</summary>
    public string Said(string kind, string fragment)
    {
        var line = Lines.FirstOrDefault(l => l.StartsWith(kind + ": ", StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal));
        Assert.IsNotNull(line, $"no {kind} line containing '{fragment}'; lines:\n{string.Join('\n', Lines)}");
        return line;
    }

    private sealed class Recorder(ConcurrentQueue<StepProgress> sink) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => sink.Enqueue(value);
    }
}
