using System.Globalization;

namespace CzSL.Reporting;

/// <summary>A table cell: its text and whether it is the best value of its column.</summary>
internal sealed record ReportCell(string Text, bool Bold = false);

/// <summary>A table shared by the Markdown and HTML writers.</summary>
internal sealed record ReportTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

/// <summary>Builds the report's tables and sentences from a <see cref="ScenarioSummary"/>.</summary>
internal static class ReportTables
{
    /// <summary>
    /// Methods ranked by the main metric with every scalar metric (mean ± sd), times and repeats; the best mean of each
    /// metric column (highest, or lowest for log-loss and ECE) and the top-ranked method's name are bold.
    /// </summary>
    public static ReportTable Metrics(ScenarioSummary summary, bool truth)
    {
        var metrics = (truth ? summary.TruthMetrics : summary.ExpertMetrics).Where(m => !m.Contains('[')).ToList();
        var main = summary.Scenario.MainMetric;
        if (metrics.Remove(main)) metrics.Insert(0, main);
        var methods = summary.Ranking.Where(m => !truth || m.Truth.Count > 0).ToList();
        Func<MethodSummary, IReadOnlyDictionary<string, MetricSummary>> pick = truth ? m => m.Truth : m => m.Expert;
        var best = metrics.ToDictionary(metric => metric, metric => Best(methods.Select(m => pick(m).GetValueOrDefault(metric)), MetricNames.HigherIsBetter(metric)));
        var fastestTrain = Best(methods.Select(m => m.TrainSeconds), higherIsBetter: false);
        var rows = methods.Select((m, i) =>
        {
            var cells = new List<ReportCell> { new((i + 1).ToString(CultureInfo.InvariantCulture)), new(m.Name, i == 0) };
            foreach (var metric in metrics)
            {
                var s = pick(m).GetValueOrDefault(metric);
                cells.Add(s is null ? new ReportCell("—") : new ReportCell(Format(s, 3), s.Mean == best[metric]));
            }
            cells.Add(new ReportCell(Format(m.TrainSeconds, 2), m.TrainSeconds.Mean == fastestTrain));
            cells.Add(new ReportCell(Format(m.ScoreSeconds, 3)));
            cells.Add(new ReportCell(m.Repeats.ToString(CultureInfo.InvariantCulture)));
            return (IReadOnlyList<ReportCell>)cells;
        }).ToList();
        var headers = new List<string> { "Rank", "Method" };
        headers.AddRange(metrics.Select(MetricNames.Label));
        headers.AddRange(["Train (s)", "Score (s)", "Repeats"]);
        var caption = truth
            ? "Against the ground truth (simulated data), mean ± sd_runs (sd over every repeat)."
            : $"Against expert labels, mean ± sd_runs (sd over every repeat; the paper's sd_executions is in report.json); ranked by {MetricNames.Label(main)}; best in bold.";
        return new ReportTable(caption, headers, rows);
    }

    /// <summary>Per-class precision and recall against expert labels (mean ± sd), best per column in bold.</summary>
    public static ReportTable PerClass(ScenarioSummary summary)
    {
        var classes = summary.Scenario.Classes;
        var metrics = classes.Select(MetricNames.Precision).Concat(classes.Select(MetricNames.Recall)).ToList();
        var best = metrics.ToDictionary(metric => metric, metric => Best(summary.Ranking.Select(m => m.Expert.GetValueOrDefault(metric)), true));
        var rows = summary.Ranking.Select(m =>
        {
            var cells = new List<ReportCell> { new(m.Name) };
            foreach (var metric in metrics)
            {
                var s = m.Expert.GetValueOrDefault(metric);
                cells.Add(s is null ? new ReportCell("—") : new ReportCell(Format(s, 3), s.Mean == best[metric]));
            }
            return (IReadOnlyList<ReportCell>)cells;
        }).ToList();
        var headers = new List<string> { "Method" };
        headers.AddRange(classes.Select(c => $"P({c})"));
        headers.AddRange(classes.Select(c => $"R({c})"));
        return new ReportTable("Per-class precision P and recall R against expert labels.", headers, rows);
    }

    /// <summary>
    /// Temperature scaling of the methods that fitted one (mean ± sd over repeats): T and the test ECE against expert
    /// labels before (T = 1) and after; null when no method did.
    /// </summary>
    public static ReportTable? Calibration(ScenarioSummary summary)
    {
        var rows = new List<IReadOnlyList<ReportCell>>();
        foreach (var method in summary.Ranking)
        {
            var repeats = summary.Scenario.Methods.Single(m => m.Name == method.Name).Repeats
                .Where(r => r.Calibration is not null && r.Expert.ExpectedCalibrationError is not null).ToList();
            if (repeats.Count == 0) continue;
            var before = MetricSummary.Of(repeats.Select(r => r.Calibration!.EceBefore).ToArray());
            var after = MetricSummary.Of(repeats.Select(r => r.Expert.ExpectedCalibrationError!.Value).ToArray());
            rows.Add([new(method.Name, method.IsCzsl), new(Format(MetricSummary.Of(repeats.Select(r => r.Calibration!.Temperature).ToArray()), 2)),
                new(Format(before, 3)), new(Format(after, 3), after.Mean < before.Mean), new(repeats.Count.ToString(CultureInfo.InvariantCulture))]);
        }
        var fittedOn = string.Join("; ", summary.Scenario.Methods.SelectMany(m => m.Repeats).Select(r => r.Calibration?.FittedOn).OfType<string>().Distinct());
        return rows.Count == 0 ? null
            : new ReportTable($"Temperature scaling (T fitted on {fittedOn}): test ECE against expert labels before (T = 1) and after; " +
                              "the tables above and the reliability diagram use the scaled probabilities; bold: ECE dropped.",
                ["Method", "T", "ECE before", "ECE after", "Repeats"], rows);
    }

    /// <summary>One sentence on the paired comparison of CzSL with the best baseline.</summary>
    public static string SignificanceLine(ScenarioSummary summary)
    {
        if (summary.Significance is not { } s) return $"Significance: not tested ({summary.SignificanceNote}).";
        var t = s.TTest;
        var w = s.Wilcoxon;
        var verdict = t.PValue < 0.05 ? "significant" : "not significant";
        return string.Create(CultureInfo.InvariantCulture,
            $"Significance ({MetricNames.Label(s.Metric)}, {t.Pairs} pairs by {s.Pairing}): {s.CzslMethod} − {s.Baseline} = {t.MeanDifference:+0.0000;-0.0000;0.0000}; " +
            $"paired t({t.DegreesOfFreedom}) = {FormatT(t.T)}, p = {FormatP(t.PValue)}; " +
            $"Wilcoxon signed-rank W = {w.Statistic:0.#}, p = {FormatP(w.PValue)} ({(w.Exact ? "exact" : "normal approximation")}); " +
            $"{verdict} at the 5% level.");
    }

    /// <summary>"mean ± sd_runs" with <paramref name="decimals"/> decimals.</summary>
    public static string Format(MetricSummary s, int decimals) =>
        s.Mean.ToString("F" + decimals, CultureInfo.InvariantCulture) + " ± " + s.SdRuns.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string FormatT(double t) => double.IsInfinity(t) ? (t > 0 ? "∞" : "−∞") : t.ToString("0.000", CultureInfo.InvariantCulture);

    private static string FormatP(double p) => p < 1e-4 ? p.ToString("0.0E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static double? Best(IEnumerable<MetricSummary?> values, bool higherIsBetter)
    {
        var means = values.Where(v => v is not null).Select(v => v!.Mean).ToList();
        if (means.Count == 0) return null;
        return higherIsBetter ? means.Max() : means.Min();
    }
}
