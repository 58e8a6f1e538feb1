using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Reporting.Plots;

namespace CzSL.Reporting;

/// <summary>
/// Writes a comparison report into a folder: report.md, report.json, report.html and figures/ (metric bars with 95% CI
/// whiskers, confusion heatmaps, ROC curves for binary scenarios, reliability diagrams where test predictions were kept,
/// training curves (those with at least one value), example grids). Every file is written atomically; nothing is printed.
/// </summary>
public static class ReportWriter
{
    /// <summary>Markdown report file name.</summary>
    public const string MarkdownFile = "report.md";
    /// <summary>JSON report file name.</summary>
    public const string JsonFile = "report.json";
    /// <summary>HTML report file name.</summary>
    public const string HtmlFile = "report.html";
    /// <summary>Figure folder name.</summary>
    public const string FigureFolder = "figures";

    /// <summary>Writes the report of <paramref name="result"/> (with <paramref name="assets"/>) into <paramref name="outDir"/>.</summary>
    /// <exception cref="ArgumentException">Invalid results (a method without repeats, duplicate names or scenario keys).</exception>
    /// <exception cref="Data.Manifest.ManifestFormatException">A training CSV is malformed (the message names file, line and column).</exception>
    /// <exception cref="InvalidDataException">An example image cannot be decoded (the message names the file).</exception>
    public static ReportOutput Write(ComparisonResult result, string outDir, ReportAssets? assets = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        assets ??= ReportAssets.None;
        var duplicate = result.Scenarios.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Scenario '{duplicate.Key}' appears twice.", nameof(result));
        outDir = Path.GetFullPath(outDir);
        var figureDir = Path.Combine(outDir, FigureFolder);
        Directory.CreateDirectory(figureDir);

        var summaries = result.Scenarios.Select(ScenarioSummary.Of).ToList();
        var figures = new List<ReportFigure>();
        foreach (var summary in summaries) figures.AddRange(ScenarioFigures(summary, figureDir, assets));
        foreach (var (name, csv) in assets.TrainingCurves)
        {
            var curve = TrainingCurve.Read(name, csv);
            if (!curve.HasData) continue;
            var path = PlotExporter.Export(curve.ToPlot(), Path.Combine(figureDir, $"training-{Slug(name)}"), assets.PlotWidth, assets.PlotHeight);
            figures.Add(new ReportFigure($"Training curve: {name}", path, null));
        }
        foreach (var (title, examples) in assets.ExampleGrids)
        {
            var path = Path.Combine(figureDir, $"examples-{Slug(title)}.png");
            var png = ExampleGridImage.Render(examples, assets.ExampleTileSize);
            AtomicFile.Write(path, s => s.Write(png));
            figures.Add(new ReportFigure(title, path, null));
        }

        var markdown = Path.Combine(outDir, MarkdownFile);
        var json = Path.Combine(outDir, JsonFile);
        var html = Path.Combine(outDir, HtmlFile);
        AtomicFile.WriteAllText(json, JsonReportWriter.Render(result, summaries));
        AtomicFile.WriteAllText(markdown, MarkdownReportWriter.Render(result, summaries, figures, outDir));
        AtomicFile.WriteAllText(html, HtmlReportWriter.Render(result, summaries, figures));
        return new ReportOutput(markdown, json, html, figures);
    }

    private static IEnumerable<ReportFigure> ScenarioFigures(ScenarioSummary summary, string figureDir, ReportAssets assets)
    {
        var scenario = summary.Scenario;
        var key = scenario.Key;
        var bars = ComparisonCharts.MetricBars(summary, scenario.MainMetric);
        yield return new ReportFigure($"{key}: {MetricNames.Label(scenario.MainMetric)} per method",
            PlotExporter.Export(bars, Path.Combine(figureDir, $"{Slug(key)}-{Slug(scenario.MainMetric)}"), assets.PlotWidth, assets.PlotHeight), key);

        var confusionMethods = summary.Ranking.Take(assets.ConfusionMatrixMethods).ToList();
        var czsl = summary.Ranking.FirstOrDefault(m => m.IsCzsl);
        if (czsl is not null && !confusionMethods.Contains(czsl)) confusionMethods.Add(czsl);
        foreach (var method in confusionMethods)
        {
            var counts = SummedConfusion(scenario.Methods.Single(m => m.Name == method.Name).Repeats, scenario.Classes.Count);
            var model = ComparisonCharts.ConfusionHeatmap($"{key}: {method.Name} (row-normalised, all repeats)", scenario.Classes, counts);
            yield return new ReportFigure($"{key}: confusion matrix of {method.Name}",
                PlotExporter.Export(model, Path.Combine(figureDir, $"{Slug(key)}-confusion-{Slug(method.Name)}"), assets.PlotWidth * 2 / 3, assets.PlotHeight), key);
        }

        var curves = new List<RocInput>();
        foreach (var method in summary.Ranking)
        {
            var representative = MedianAucRepeat(scenario.Methods.Single(m => m.Name == method.Name).Repeats);
            if (representative?.Binary is { ScoreAuc: { } auc, RocCurve.Count: > 1 } binary) curves.Add(new RocInput(method.Name, method.IsCzsl, auc, binary.RocCurve));
        }
        if (curves.Count > 0)
        {
            var shown = curves.Count > RocSelection.MaxMethods ? $"; {RocSelection.MaxMethods} of {curves.Count} methods: CzSL and the best AUCs" : "";
            var model = ComparisonCharts.RocCurves($"{key}: ROC, median-AUC repeat (expert labels{shown})", curves);
            yield return new ReportFigure($"{key}: ROC curves",
                PlotExporter.Export(model, Path.Combine(figureDir, $"{Slug(key)}-roc"), assets.PlotWidth, assets.PlotHeight), key);
        }
        if (Reliability(summary, figureDir, assets) is { } reliability) yield return reliability;
    }

    private static ReportFigure? Reliability(ScenarioSummary summary, string figureDir, ReportAssets assets)
    {
        var inputs = ReliabilityInputs(summary);
        if (inputs.Count == 0) return null;
        var scenario = summary.Scenario;
        var key = scenario.Key;
        var positive = inputs[0].Curve.Target == CalibrationTarget.PositiveClass ? scenario.Classes[1] : null;
        var model = ReliabilityDiagram.Create($"{key}: reliability, median-ECE repeat (expert labels)", inputs, positive);
        return new ReportFigure($"{key}: reliability diagram",
            PlotExporter.Export(model, Path.Combine(figureDir, $"{Slug(key)}-reliability"), assets.PlotWidth, assets.PlotHeight), key);
    }

    /// <summary>
    /// The best CzSL method and the best other method that kept their test predictions, each from its median-ECE repeat
    /// (so the ECE shown is one of the repeats' reported ECEs): binary scenarios bin the positive-class probability,
    /// others the top-class confidence (the ECE's own bins).
    /// </summary>
    internal static IReadOnlyList<ReliabilityInput> ReliabilityInputs(ScenarioSummary summary)
    {
        var scenario = summary.Scenario;
        var withPredictions = summary.Ranking
            .Select(m => (Summary: m, Repeat: MedianEceRepeat(scenario.Methods.Single(r => r.Name == m.Name).Repeats)))
            .Where(x => x.Repeat is not null).ToList();
        var chosen = withPredictions.Where(x => x.Summary.IsCzsl).Take(1).Concat(withPredictions.Where(x => !x.Summary.IsCzsl).Take(1));
        var target = scenario.Classes.Count == 2 ? CalibrationTarget.PositiveClass : CalibrationTarget.TopClass;
        return chosen.Select(x => new ReliabilityInput(x.Summary.Name, x.Summary.IsCzsl,
            CalibrationCurve.Of(x.Repeat!.Predictions!.Labels, x.Repeat.Predictions.Probabilities, target), x.Repeat.Expert.ExpectedCalibrationError!.Value)).ToList();
    }

    private static RepeatResult? MedianEceRepeat(IReadOnlyList<RepeatResult> repeats)
    {
        var kept = repeats.Where(r => r.Predictions is not null && r.Expert.ExpectedCalibrationError is not null)
            .OrderBy(r => r.Expert.ExpectedCalibrationError).ToList();
        return kept.Count == 0 ? null : kept[(kept.Count - 1) / 2];
    }

    private static int[][] SummedConfusion(IReadOnlyList<RepeatResult> repeats, int classes)
    {
        var sum = new int[classes][];
        for (var t = 0; t < classes; t++) sum[t] = new int[classes];
        foreach (var repeat in repeats)
            for (var t = 0; t < classes; t++)
            for (var p = 0; p < classes; p++)
                sum[t][p] += repeat.Expert.ConfusionMatrix[t][p];
        return sum;
    }

    private static ClassificationReport? MedianAucRepeat(IReadOnlyList<RepeatResult> repeats)
    {
        var withAuc = repeats.Select(r => r.Expert).Where(r => r.Binary?.ScoreAuc is not null).OrderBy(r => r.Binary!.ScoreAuc).ToList();
        return withAuc.Count == 0 ? null : withAuc[(withAuc.Count - 1) / 2];
    }

    /// <summary>A file-name-safe form of <paramref name="name"/>: letters and digits kept, runs of anything else become '-'.</summary>
    internal static string Slug(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "figure" : slug;
    }
}
