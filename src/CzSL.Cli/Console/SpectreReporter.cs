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

    private readonly TextWriter _out;
    private readonly List<object> _tables = [];
    private readonly List<object> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a reporter on the process console.</summary>
    public SpectreReporter() : this(System.Console.Out, System.Console.Error, System.Console.IsOutputRedirected, System.Console.IsErrorRedirected)
    {
    }

    /// <summary>Creates a plain (non-interactive) reporter writing to <paramref name="output"/> and <paramref name="error"/>, e.g. for tests.</summary>
    public SpectreReporter(TextWriter output, TextWriter error) : this(output, error, true, true)
    {
    }

    private SpectreReporter(TextWriter output, TextWriter error, bool redirected, bool errorRedirected)
    {
        _out = output;
        _console = redirected
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(output),
            })
            : AnsiConsole.Console;
        if (redirected) _console.Profile.Width = 150; // logs: wide tables instead of 80-column wrapping
        _interactive = !redirected && _console.Profile.Capabilities.Interactive;
        _error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = errorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = errorRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(error),
        });
        if (errorRedirected) _error.Profile.Width = 1000; // one error, one line
    }

    /// <inheritdoc />
    public OutputMode Mode { get; set; }

    /// <inheritdoc />
    public void Info(string message)
    {
        if (Mode == OutputMode.Normal) _console.MarkupLine(Markup.Escape(message));
        else Keep(_messages, new { kind = "info", text = message });
    }

    /// <inheritdoc />
    public void Success(string message)
    {
        if (Mode == OutputMode.Normal) _console.MarkupLine($"[green]{Markup.Escape(message)}[/]");
        else Keep(_messages, new { kind = "success", text = message });
    }

    /// <inheritdoc />
    public void Warn(string message)
    {
        if (Mode == OutputMode.Normal) _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
        else
        {
            _error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
            Keep(_messages, new { kind = "warning", text = message });
        }
    }
    /// <inheritdoc />
    public void Error(string message) => _error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
    /// <inheritdoc />
    public void Detail(string text) => _error.WriteLine(text);

    /// <inheritdoc />
    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (Mode != OutputMode.Normal)
        {
            Keep(_tables, new
            {
                title,
                rows = rows.Select(r => headers.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList(),
            });
            return;
        }
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
        if (Mode != OutputMode.Normal) return await work(new SynchronousProgress<StepProgress>(_ => { }));
        if (_interactive)
        {
            result = await _console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(name), maxValue: 1);
                    var progress = new SynchronousProgress<StepProgress>(p =>
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
            var progress = new SynchronousProgress<StepProgress>(p =>
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

    /// <inheritdoc />
    public void Finish(string command, int exitCode)
    {
        if (Mode != OutputMode.Json) return;
        lock (_gate)
        {
            _out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { command, exitCode, tables = _tables, messages = _messages },
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            _out.Flush();
            _tables.Clear();
            _messages.Clear();
        }
    }

    private void Keep(List<object> sink, object item)
    {
        lock (_gate) sink.Add(item);
    }
}
