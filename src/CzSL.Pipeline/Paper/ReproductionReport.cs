using System.Globalization;
using System.Text;
using System.Text.Json;
using CzSL.Data;
using CzSL.Reporting;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// Writes reproduction.md and reproduction.json next to the comparison report: the per-fold set sizes with missing
/// images, the label transfer's quality on A, the metric table (the paper's metric definitions first, then ours), the measured
/// training cost and the projected full reproduction, and the run's notes.
/// </summary>
public static class ReproductionReport
{
    /// <summary>Markdown file name.</summary>
    public const string MarkdownFile = "reproduction.md";
    /// <summary>JSON file name.</summary>
    public const string JsonFile = "reproduction.json";

    /// <summary>The per-fold table's header.</summary>
    public static IReadOnlyList<string> FoldHeaders { get; } =
        ["fold", "training (img/missing)", "L (img/missing)", "A (img/missing)", "U (img/missing)", "test (img/missing)",
         "pre-train imgs", "fine-tune imgs", "expert-CNN imgs", "transfer on A", "amateur on A"];

    /// <summary>One row per fold, cells as text.</summary>
    public static IEnumerable<IReadOnlyList<string>> FoldRows(IEnumerable<PaperFoldSizes> folds) => folds.Select(f => (IReadOnlyList<string>)
    [
        f.Fold.ToString(CultureInfo.InvariantCulture), Cell(f.Training), Cell(f.L), Cell(f.A), Cell(f.U), Cell(f.Test),
        N(f.PreTraining), N(f.FineTuning), N(f.ExpertCnn), F(f.TransferOnA), F(f.AmateurOnA),
    ]);

    /// <summary>
    /// The metric table's header for <paramref name="scenario"/>: the paper's definitions first (its "AUC" on the hard
    /// labels, ± sd_executions), then ours (AUC of the scores, ± sd_runs).
    /// </summary>
    public static IReadOnlyList<string> MetricHeaders(Scenario scenario) => scenario == Scenario.MG
        ? ["method", "runs", "G-mean ± sd_executions (paper)", "AUC of labels ± sd_executions (paper)", "G-mean ± sd_runs", "AUC of scores ± sd_runs", "accuracy ± sd_runs", "train s"]
        : ["method", "runs", "accuracy ± sd_executions (paper)", "accuracy ± sd_runs", "macro-F1 ± sd_runs", "train s"];

    /// <summary>
    /// One row per method: mean ± sd_executions (the paper's: sd over executions of each execution's mean over folds;
    /// "—" with one execution) and mean ± sd_runs (ours: sd over every fold × execution run); runs lacking a metric,
    /// e.g. a test fold without mergers, are left out of it.
    /// </summary>
    public static IEnumerable<IReadOnlyList<string>> MetricRows(ComparisonResult result) => result.Scenarios.SelectMany(s =>
    {
        var summary = ScenarioSummary.Of(s);
        string Paper(MethodSummary m, string metric) => m.Expert.TryGetValue(metric, out var v)
            ? $"{v.Mean:F4} ± {(v.SdExecutions is { } sd ? sd.ToString("F4", CultureInfo.InvariantCulture) : "—")}" : "—";
        string Ours(MethodSummary m, string metric) => m.Expert.TryGetValue(metric, out var v) ? $"{v.Mean:F4} ± {v.SdRuns:F4} ({v.Values.Count})" : "—";
        return summary.Ranking.Select(m => (IReadOnlyList<string>)(s.Scenario == Scenario.MG
            ? [m.Name, N(m.Repeats), Paper(m, MetricNames.GMean), Paper(m, MetricNames.AucLabels), Ours(m, MetricNames.GMean), Ours(m, MetricNames.AucScores),
               Ours(m, MetricNames.Accuracy), $"{m.TrainSeconds.Mean:F1}"]
            : [m.Name, N(m.Repeats), Paper(m, MetricNames.Accuracy), Ours(m, MetricNames.Accuracy), Ours(m, MetricNames.MacroF1), $"{m.TrainSeconds.Mean:F1}"]));
    });

    /// <summary>What the metric table's columns mean (printed with it).</summary>
    public const string MetricDefinitions =
        "The paper's definitions lead: \"AUC of labels\" is the reference code's roc_auc_score on the argmax labels (= balanced accuracy), " +
        "± sd_executions is the sd over the executions of each execution's mean over the folds. Ours follow: \"AUC of scores\" ranks p(class 1), " +
        "± sd_runs is the sd over every fold × execution run (count of runs with the metric in brackets).";

    /// <summary>The throughput table's header.</summary>
    public static IReadOnlyList<string> ThroughputHeaders { get; } = ["stage", "trainings", "image-epochs", "wall s", "img/s (wall)", "img/s (train pass)"];

    /// <summary>One row per stage.</summary>
    public static IEnumerable<IReadOnlyList<string>> ThroughputRows(IEnumerable<StageThroughput> stages) => stages.Select(s => (IReadOnlyList<string>)
        [s.Stage, N(s.Runs), N(s.ImageEpochs), $"{s.Seconds:F1}", $"{s.EffectiveImagesPerSecond:N0}", $"{s.TrainImagesPerSecond:N0}"]);

    /// <summary>The projection table's header.</summary>
    public static IReadOnlyList<string> ProjectionHeaders { get; } = ["training", "image-epochs", "img/s used", "hours"];

    /// <summary>One row per training kind plus the totals.</summary>
    public static IEnumerable<IReadOnlyList<string>> ProjectionRows(ReproductionProjection p) =>
        p.Lines.Select(l => (IReadOnlyList<string>)[l.Stage, N(l.ImageEpochs), $"{l.ImagesPerSecond:N0}", $"{l.Hours:F1}"])
            .Append(["total (autoencoder every execution)", "", "", $"{p.Hours:F1}"])
            .Append(["total (one autoencoder per fold)", "", "", $"{p.HoursAutoencoderPerFold:F1}"])
            .Append(["+ expert-CNN baseline", "", "", $"{p.ExpertCnnHours:F1}"]);

    /// <summary>Writes both files into <paramref name="outDir"/>.</summary>
    public static void Write(PaperRun run, PaperProtocolOptions options, string outDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var md = new StringBuilder();
        md.AppendLine($"# {run.Result.Title}").AppendLine();
        md.AppendLine($"Data: {run.Result.Dataset}.").AppendLine();
        md.AppendLine($"Run: {run.Elapsed.TotalMinutes:F1} min wall; {Environment.ProcessorCount} logical cores; {options.Executions} executions × folds {string.Join(",", options.Folds)}.").AppendLine();
        md.AppendLine("## Sets per fold (galaxies with an image / without one)").AppendLine();
        Table(md, FoldHeaders, FoldRows(run.Folds));
        md.AppendLine().AppendLine($"Transfer / amateur on A: {(options.Scenario == Scenario.MG ? "G-mean" : "accuracy")} against the hidden expert labels of every galaxy of A (votes only, no image needed).").AppendLine();
        md.AppendLine("## Test metrics against the expert labels").AppendLine();
        md.AppendLine(MetricDefinitions).AppendLine();
        Table(md, MetricHeaders(options.Scenario), MetricRows(run.Result));
        md.AppendLine();
        foreach (var (name, description) in PaperProtocol.Methods) md.AppendLine($"- `{name}`: {description}");
        md.AppendLine().AppendLine("## Measured training cost on this machine").AppendLine();
        Table(md, ThroughputHeaders, ThroughputRows(run.Throughput));
        if (run.Projection is { } p)
        {
            md.AppendLine().AppendLine($"## Projected full reproduction ({p.Galaxies:N0} galaxies, 5 folds × 10 executions × 3 trainings of 100 epochs)").AppendLine();
            Table(md, ProjectionHeaders, ProjectionRows(p));
            md.AppendLine().AppendLine("Rates are wall-clock images per second of this run's epochs (validation and per-epoch overheads included); " +
                                       "tiny training sets inflate the overheads, so the projection errs on the long side. ROS would enlarge L ∪ A further.");
        }
        if (run.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in run.Notes) md.AppendLine($"- {note}");
        }
        AtomicFile.WriteAllText(Path.Combine(outDir, MarkdownFile), md.ToString());
        var json = JsonSerializer.Serialize(new
        {
            scenario = options.Scenario.ToString(),
            variant = options.Variant,
            preset = options.Preset.Name,
            epochsScale = options.EpochsScale,
            transfer = options.Transfer.Name,
            executions = options.Executions,
            folds = run.Folds,
            throughput = run.Throughput,
            projection = run.Projection,
            notes = run.Notes,
            elapsedSeconds = run.Elapsed.TotalSeconds,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.WriteAllText(Path.Combine(outDir, JsonFile), json);
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        md.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (var row in rows) md.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
    }

    private static string Cell(SetCount c) => $"{c.Rows:N0} ({c.WithImage:N0}/{c.Missing:N0})";
    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string F(double v) => double.IsNaN(v) ? "—" : v.ToString("F4", CultureInfo.InvariantCulture);
}
