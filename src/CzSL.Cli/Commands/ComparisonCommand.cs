using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline;
using CzSL.Reporting;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary>Runs a comparison with a progress display and prints what a person reads first: the ranking per scenario.</summary>
public static class ComparisonCommand
{
    /// <summary>Runs <see cref="ComparisonRunner"/> and prints its summary; returns the output.</summary>
    public static async Task<ComparisonOutput> Run(IReporter reporter, ExperimentSettings settings, DatasetManifest manifest,
        IReadOnlyList<ExperimentSplit> splits, string outDir, string? modelsDir, string dataset, string device, int threads, CancellationToken cancel)
    {
        var runtime = TorchRuntime.Initialise(threads, device);
        settings = settings with { Recipe = settings.Recipe.ResolvedFor(manifest) };
        reporter.Info($"TorchSharp on {runtime.Device.type} with {runtime.Threads} threads; preset {settings.Recipe.Preset.Name}, images {settings.Recipe.Preprocessing}, " +
                      $"{settings.Repeats} repeat(s), scenarios {string.Join(", ", settings.Scenarios)}");
        var log = new List<string>();
        var output = await reporter.Step("CzSL, ablations and baselines", progress =>
            new ComparisonRunner(settings,
                new SynchronousProgress<ExperimentProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, p.Status))),
                line => { lock (log) log.Add(line); }).Run(manifest, splits, outDir, modelsDir, dataset, cancel));
        foreach (var line in log) reporter.Info(line);
        PrintRanking(reporter, output.Result);
        foreach (var check in output.ChainChecks)
            reporter.Info($"{check.Scenario}: ML.NET chain on {check.Count} test images: accuracy {check.MlNetAccuracy:F4} " +
                          $"(TorchSharp {check.TorchAccuracy:F4}), max |Δp| {check.MaxProbabilityDifference:E1}, {check.LabelDisagreements} predicted labels differ");
        foreach (var model in output.Models)
            reporter.Info($"model: {model.CardPath} (ONNX parity max |Δ| {model.Parity.MaxAbsDifference:E1})");
        reporter.Success($"report: {Path.Combine(output.OutputFolder, ReportWriter.MarkdownFile)} (+ {ReportWriter.JsonFile}, {ReportWriter.HtmlFile}, {ReportWriter.FigureFolder}/)");
        return output;
    }

    /// <summary>The top methods of each scenario by its main metric (mean ± sd over repeats).</summary>
    public static void PrintRanking(IReporter reporter, ComparisonResult result, int top = 12)
    {
        foreach (var scenario in result.Scenarios)
        {
            var summary = ScenarioSummary.Of(scenario);
            var main = scenario.MainMetric;
            string Cell(IReadOnlyDictionary<string, MetricSummary> m, string metric) =>
                m.TryGetValue(metric, out var s) ? $"{s.Mean.ToString("F3", CultureInfo.InvariantCulture)} ± {s.SdRuns.ToString("F3", CultureInfo.InvariantCulture)}" : "—";
            var headers = new List<string> { "#", "method", MetricNames.Label(main), MetricNames.Label(MetricNames.MacroF1) };
            if (scenario.Scenario.IsRareBinary) headers.AddRange([MetricNames.Label(MetricNames.AucLabels), MetricNames.Label(MetricNames.AucScores)]);
            headers.Add($"truth {MetricNames.Label(main)}");
            headers.Add("train s");
            reporter.Table($"{scenario.Key}: ranked by {MetricNames.Label(main)} against expert labels", headers,
                summary.Ranking.Take(top).Select((m, i) =>
                {
                    var row = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), m.Name, Cell(m.Expert, main), Cell(m.Expert, MetricNames.MacroF1) };
                    if (scenario.Scenario.IsRareBinary) row.AddRange([Cell(m.Expert, MetricNames.AucLabels), Cell(m.Expert, MetricNames.AucScores)]);
                    row.Add(Cell(m.Truth, main));
                    row.Add(m.TrainSeconds.Mean.ToString("F1", CultureInfo.InvariantCulture));
                    return (IReadOnlyList<string>)row;
                }));
            if (summary.Significance is { } sig)
                reporter.Info($"{scenario.Key}: {sig.CzslMethod} − {sig.Baseline} ({MetricNames.Label(sig.Metric)}) = {sig.TTest.MeanDifference:+0.000;-0.000} " +
                              $"over {sig.TTest.Pairs} paired repeats; paired t-test p = {sig.TTest.PValue:F3}, Wilcoxon p = {sig.Wilcoxon.PValue:F3}");
        }
    }
}
