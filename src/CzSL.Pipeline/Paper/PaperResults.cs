using CzSL.Data.Metrics;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting;

namespace CzSL.Pipeline.Paper;

/// <summary>One method's result of one fold and execution (a unit's results hold a list of these).</summary>
/// <param name="Method">The method's name (<see cref="PaperProtocol.Methods"/>).</param>
/// <param name="Result">Its test metrics and times.</param>
public sealed record PaperMethodRepeat(string Method, RepeatResult Result);

/// <summary>
/// What the paper protocol collects while it runs — every method's repeats, the notes, per-fold set sizes, the
/// measured training cost and the curves to plot — and the report it makes of them. A single-process run fills one;
/// <c>reproduce --merge</c> fills one from the units' results in the same order, so both write the same report.
/// </summary>
public sealed class PaperResults
{
    private readonly List<PaperMethodRepeat> _repeats = [];
    private readonly List<string> _notes = [];
    private readonly SortedDictionary<int, PaperFoldSizes> _sizes = [];
    private readonly List<(string Name, string CsvPath)> _curves = [];

    /// <summary>The measured training cost.</summary>
    public ThroughputMeter Meter { get; } = new();

    /// <summary>The repeats, in the order they were added.</summary>
    public IReadOnlyList<PaperMethodRepeat> Repeats => _repeats;

    /// <summary>The notes, in order, without repeats.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Set sizes per fold (the first execution's), in fold order.</summary>
    public IReadOnlyList<PaperFoldSizes> Sizes => [.. _sizes.Values];

    /// <summary>How many training curves are kept so far (the report plots the first fold's).</summary>
    public int CurveCount => _curves.Count;

    /// <summary>The training curves to plot, in order.</summary>
    public IReadOnlyList<(string Name, string CsvPath)> Curves => _curves;

    /// <summary>Adds a note (a note already present is not repeated).</summary>
    public void Note(string note)
    {
        if (!_notes.Contains(note, StringComparer.Ordinal)) _notes.Add(note);
    }

    /// <summary>Adds one method's result of a fold and execution.</summary>
    public void Add(PaperMethodRepeat repeat) => _repeats.Add(repeat);

    /// <summary>Keeps <paramref name="sizes"/> unless its fold already has sizes.</summary>
    public void AddSizes(PaperFoldSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        _sizes.TryAdd(sizes.Fold, sizes);
    }

    /// <summary>Adds a training curve to plot.</summary>
    public void Curve(string name, string csvPath) => _curves.Add((name, csvPath));

    /// <summary>
    /// Writes report.md/json/html and reproduction.md/json into <paramref name="outDir"/> for the run described by
    /// <paramref name="options"/> on <paramref name="table"/> with <paramref name="imaged"/> imaged galaxies.
    /// </summary>
    /// <exception cref="InvalidDataException">No method was scored.</exception>
    public PaperRun Write(PaperProtocolOptions options, PaperTable table, PaperTable mgTable, int imaged, string outDir, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(mgTable);
        if (_repeats.Count == 0)
            throw new InvalidDataException("No method could be trained and scored on any fold: " + string.Join(" ", _notes));
        var byMethod = _repeats.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => g.Select(r => r.Result).ToList());
        var result = new ComparisonResult
        {
            Title = $"CzSL paper protocol — {options.Scenario}{(options.Variant is { } v ? " " + v : "")} on the paper's folds",
            Dataset = $"the CzSL paper's {table.Kind} table ({table.Records.Count:N0} galaxies; real Galaxy Zoo 1 votes, the paper's expert labels) " +
                      $"with real SDSS images for {imaged:N0} of them; folds {string.Join(",", options.Folds)} × {options.Executions} executions, " +
                      $"preset {options.Preset.Name}, epochs ×{options.EpochsScale:G3}, transfer {options.Transfer.Name}; set sizes and missing images in reproduction.md",
            Scenarios =
            [
                new ScenarioResult
                {
                    Scenario = options.Scenario,
                    Variant = options.Variant,
                    Methods = PaperProtocol.Methods.Where(m => byMethod.ContainsKey(m.Name))
                        .Select(m => new MethodResult { Name = m.Name, IsCzsl = m.Name == CzslMethod.Czsl.Name(), Repeats = byMethod[m.Name] }).ToList(),
                },
            ],
        };
        var report = ReportWriter.Write(result, outDir, new ReportAssets { TrainingCurves = _curves });
        var run = new PaperRun(result, report, Sizes, Meter.Stages, Meter.Project(mgTable), _notes,
            Path.Combine(outDir, ReproductionReport.MarkdownFile), elapsed);
        ReproductionReport.Write(run, options, outDir);
        return run;
    }
}
