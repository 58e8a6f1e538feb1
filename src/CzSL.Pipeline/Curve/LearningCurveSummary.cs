using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting;
using CzSL.Reporting.Plots;
using CzSL.Reporting.Statistics;

namespace CzSL.Pipeline.Curve;

/// <summary>CzSL minus the expert-only CNN with <paramref name="Labels"/> expert labels, paired over repeats (same test galaxies).</summary>
public sealed record PairedDifference(int Labels, MeanCi Difference);

/// <summary>One scenario's learning curve: a series per method (the best classical baseline only) and CzSL's paired gain.</summary>
/// <param name="Scenario">The task.</param>
/// <param name="Metric">The main metric's name.</param>
/// <param name="Series">Method series in report order.</param>
/// <param name="BestBaseline">The classical baseline with the highest mean over all sizes (null: none ran).</param>
/// <param name="Gain">CzSL − expert-only per label count.</param>
public sealed record ScenarioCurve(Scenario Scenario, string Metric, IReadOnlyList<LearningCurveSeries> Series, string? BestBaseline,
    IReadOnlyList<PairedDifference> Gain);

/// <summary>Summarises and writes learning-curve points: <c>points.csv</c> (every repeat), <c>learning-curve.csv</c>, <c>learning-curve.md</c> and the figures.</summary>
public static class LearningCurveSummary
{
    /// <summary>File of every measured point.</summary>
    public const string PointsFile = "points.csv";

    /// <summary>The markdown summary (tables and figures).</summary>
    public const string MarkdownFile = "learning-curve.md";

    /// <summary>Mean and 95% CI per scenario, method and label count (long CSV).</summary>
    public const string SummaryFile = "learning-curve.csv";

    /// <summary>Summarises <paramref name="points"/> per scenario; a size is placed at the mean number of labels it used.</summary>
    public static IReadOnlyList<ScenarioCurve> Summarise(IReadOnlyList<CurvePoint> points)
    {
        var curves = new List<ScenarioCurve>();
        foreach (var scenario in points.Select(p => p.Scenario).Distinct())
        {
            var mine = points.Where(p => p.Scenario == scenario).ToList();
            var classical = mine.Select(p => p.Method).Distinct().Where(IsClassical).ToList();
            var best = classical.Count == 0 ? null
                : classical.OrderByDescending(m => mine.Where(p => p.Method == m).Average(p => p.Value)).ThenBy(m => m, StringComparer.Ordinal).First();
            var series = mine.Select(p => p.Method).Distinct().Where(m => !IsClassical(m) || m == best)
                .Select(m => new LearningCurveSeries(m == best ? $"{m} (best classical)" : m, m == CzslMethod.Czsl.Name(),
                    mine.Where(p => p.Method == m).GroupBy(p => p.RequestedSize)
                        .Select(g => new LearningCurvePoint(Labels(g), MeanCi.Of(g.Select(p => p.Value).ToArray()))).ToList()))
                .ToList();
            var gain = mine.Where(p => p.Method == CzslMethod.Czsl.Name()).GroupBy(p => p.RequestedSize).Select(g =>
            {
                var expertOnly = mine.Where(p => p.Method == CzslMethod.ExpertOnly.Name() && p.RequestedSize == g.Key).ToDictionary(p => p.Repeat, p => p.Value);
                var differences = g.Where(p => expertOnly.ContainsKey(p.Repeat)).Select(p => p.Value - expertOnly[p.Repeat]).ToArray();
                return differences.Length == 0 ? null : new PairedDifference(Labels(g), MeanCi.Of(differences));
            }).OfType<PairedDifference>().ToList();
            curves.Add(new ScenarioCurve(scenario, ExpertEvaluation.MainMetricName(scenario), series, best, gain));
        }
        return curves;
    }

    private static int Labels(IEnumerable<CurvePoint> group) => (int)Math.Round(group.Average(p => p.Labels));

    /// <summary>True for a classical baseline's method name (trainer-features-labels).</summary>
    public static bool IsClassical(string method) => method.EndsWith("-expert", StringComparison.Ordinal) || method.EndsWith("-amateur", StringComparison.Ordinal);

    /// <summary>Writes <see cref="PointsFile"/> (atomically).</summary>
    public static void WritePoints(IReadOnlyList<CurvePoint> points, string path)
    {
        var csv = new StringBuilder("scenario,method,repeat,size,labels,value,seconds\n");
        foreach (var p in points)
        {
            CzSL.Data.Csv.CsvField.Append(csv, p.Scenario.Name());
            csv.Append(',');
            CzSL.Data.Csv.CsvField.Append(csv, p.Method);
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $",{p.Repeat + 1},{(p.RequestedSize == 0 ? "all" : p.RequestedSize.ToString(CultureInfo.InvariantCulture))},{p.Labels},{p.Value:R},{p.Seconds:F1}"));
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>File beside <see cref="PointsFile"/> with the run's description (data, protocol, settings).</summary>
    public const string HeaderFile = "header.md";

    /// <summary>Reads a <see cref="PointsFile"/> written by <see cref="WritePoints"/>.</summary>
    /// <exception cref="CzSL.Data.Manifest.ManifestFormatException">A bad cell; the message names the file, line and column.</exception>
    public static IReadOnlyList<CurvePoint> ReadPoints(string path)
    {
        var table = CzSL.Data.Csv.CsvTable.Open(path);
        int scenario = table.Require("scenario"), method = table.Require("method"), repeat = table.Require("repeat"), size = table.Require("size"),
            labels = table.Require("labels"), value = table.Require("value"), seconds = table.Require("seconds");
        var points = new List<CurvePoint>();
        foreach (var row in table.Rows)
        {
            Scenario task;
            try
            {
                task = ScenarioNames.Parse(table.Text(row, scenario)!);
            }
            catch (ArgumentException e)
            {
                throw table.Error(row, scenario, e.Message);
            }
            var sizeText = table.Text(row, size)!;
            var requested = sizeText == "all" ? 0
                : int.TryParse(sizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw table.Error(row, size, $"'{sizeText}' is not a positive whole number or all.");
            points.Add(new CurvePoint(task, table.Text(row, method)!, table.Integer(row, repeat, 1) - 1, requested, table.Integer(row, labels, 1),
                table.Number(row, value, 0, 1), table.Number(row, seconds, 0)));
        }
        return points;
    }

    /// <summary>Writes the summary CSV, the markdown tables and one figure per scenario into <paramref name="folder"/>; returns the markdown.</summary>
    public static string Write(IReadOnlyList<ScenarioCurve> curves, string header, string folder)
    {
        var md = new StringBuilder(header).AppendLine().AppendLine();
        var csv = new StringBuilder();
        foreach (var curve in curves)
        {
            var name = curve.Scenario.Name();
            var figure = PlotExporter.Export(LearningCurves.Create($"{curve.Scenario}: {MetricNames.Label(curve.Metric)} against expert labels", curve.Metric, curve.Series),
                Path.Combine(folder, $"learning-curve-{name}"), 900, 520);
            md.AppendLine(CultureInfo.InvariantCulture, $"### {curve.Scenario}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"![{curve.Scenario} learning curve]({Path.GetFileName(figure)})").AppendLine();
            md.Append(LearningCurveTable.Markdown(curve.Metric, curve.Series));
            md.AppendLine("| **CzSL − expert-only** (paired, same test galaxies) | " + string.Join(" | ",
                curve.Series.SelectMany(s => s.Points).Select(p => p.ExpertLabels).Distinct().Order()
                    .Select(n => curve.Gain.FirstOrDefault(g => g.Labels == n) is { } g ? Signed(g.Difference) : "—")) + " |").AppendLine();
            var table = LearningCurveTable.Csv($"{name}:{curve.Metric}", curve.Series);
            csv.Append(csv.Length == 0 ? table : table[(table.IndexOf('\n') + 1)..]);
        }
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), md.ToString());
        return md.ToString();
    }

    /// <summary>"+0.012 [−0.020, +0.044]".</summary>
    public static string Signed(MeanCi value) => value.HasInterval
        ? string.Create(CultureInfo.InvariantCulture, $"{value.Mean:+0.000;-0.000;0.000} [{value.Low:+0.000;-0.000;0.000}, {value.High:+0.000;-0.000;0.000}]")
        : string.Create(CultureInfo.InvariantCulture, $"{value.Mean:+0.000;-0.000;0.000} [no CI, n = {value.Count}]");
}
