using System.Diagnostics;
using Spectre.Console;

namespace CzSL.Cli.Console;

/// <summary>
/// Console reporter: live progress bars on an interactive terminal; on redirected output (CI, logs) one plain line per
/// step at most every few seconds, so logs stay readable. Errors and their details go to the error stream.
/// </summary>
public sealed class SpectreReporter : IReporter
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly IAnsiConsole _console;
    private readonly IAnsiConsole _error;
    private readonly bool _interactive;

    /// <summary>Creates a reporter on the process console.</summary>
    public SpectreReporter()
    {
        var redirected = System.Console.IsOutputRedirected;
        _console = redirected
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(System.Console.Out),
            })
            : AnsiConsole.Console;
        if (redirected) _console.Profile.Width = 150; // logs: wide tables instead of 80-column wrapping
        _interactive = !redirected && _console.Profile.Capabilities.Interactive;
        var errorRedirected = System.Console.IsErrorRedirected;
        _error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = errorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = errorRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Error),
        });
        if (errorRedirected) _error.Profile.Width = 1000; // one error, one line
    }

    /// <inheritdoc />
    public void Info(string message) => _console.MarkupLine(Markup.Escape(message));
    /// <inheritdoc />
    public void Success(string message) => _console.MarkupLine($"[green]{Markup.Escape(message)}[/]");
    /// <inheritdoc />
    public void Warn(string message) => _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
    /// <inheritdoc />
    public void Error(string message) => _error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
    /// <inheritdoc />
    public void Detail(string text) => _error.WriteLine(text);

    /// <inheritdoc />
    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.Border(TableBorder.Rounded);
        foreach (var h in headers) table.AddColumn(Markup.Escape(h));
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        _console.Write(table);
    }

    /// <inheritdoc />
    public async Task<T> Step<T>(string name, Func<IProgress<StepProgress>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        T result;
        if (_interactive)
        {
            result = await _console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(name), maxValue: 1);
                    var progress = new Progress<StepProgress>(p =>
                    {
                        if (p.Total > 0) task.Value = Math.Clamp(p.Done / p.Total, 0, 1);
                        task.Description = Markup.Escape(string.IsNullOrEmpty(p.Status) ? name : $"{name}: {p.Status}");
                    });
                    var value = await work(progress);
                    task.Value = 1;
                    return value;
                });
        }
        else
        {
            _console.WriteLine($"» {name}");
            var last = TimeSpan.Zero;
            var progress = new SynchronousProgress(p =>
            {
                if (clock.Elapsed - last < PlainInterval && p.Done < p.Total) return;
                last = clock.Elapsed;
                var percent = p.Total > 0 ? $"{100 * p.Done / p.Total,5:F1}% " : "";
                _console.WriteLine($"  {percent}{p.Status}");
            });
            result = await work(progress);
        }
        _console.MarkupLine($"[green]✓[/] {Markup.Escape(name)} [grey]({clock.Elapsed.TotalSeconds:F1} s)[/]");
        return result;
    }

    /// <summary>Progress that reports on the caller's thread (no reordering of log lines).</summary>
    private sealed class SynchronousProgress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        private readonly Lock _gate = new();
        public void Report(StepProgress value) { lock (_gate) report(value); }
    }
}
