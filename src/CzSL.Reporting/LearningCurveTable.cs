using System.Globalization;
using System.Text;
using CzSL.Data.Csv;
using CzSL.Reporting.Plots;

namespace CzSL.Reporting;

/// <summary>Learning-curve numbers as text: a Markdown table (method × label count) and a long-format CSV.</summary>
public static class LearningCurveTable
{
    /// <summary>Header of <see cref="Csv"/>.</summary>
    public const string CsvHeader = "metric,method,expert_labels,repeats,mean,ci95_low,ci95_high";

    /// <summary>
    /// A Markdown table: one row per method (input order), one column per label count (ascending), cells
    /// "mean [low, high]" (95% CI) with <paramref name="decimals"/> decimals, "—" where a method has no point.
    /// </summary>
    public static string Markdown(string metric, IReadOnlyList<LearningCurveSeries> series, int decimals = 3)
    {
        ArgumentNullException.ThrowIfNull(series);
        var counts = series.SelectMany(s => s.Points).Select(p => p.ExpertLabels).Distinct().Order().ToList();
        var md = new StringBuilder();
        md.Append(MetricNames.Label(metric)).AppendLine(" by number of expert labels: mean [95% CI] over repeats.").AppendLine();
        md.Append("| Method | ").Append(string.Join(" | ", counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))).AppendLine(" |");
        md.Append("|---|").Append(string.Concat(counts.Select(_ => "---|"))).AppendLine();
        foreach (var s in series)
        {
            var byCount = Unique(s);
            md.Append("| ").Append(s.Method.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                .Append(string.Join(" | ", counts.Select(c => byCount.TryGetValue(c, out var p) ? p.Value.Format(decimals) : "—"))).AppendLine(" |");
        }
        return md.ToString();
    }

    /// <summary>
    /// CSV with header <see cref="CsvHeader"/>: one row per method and label count (methods in input order, counts
    /// ascending); the CI cells are empty where there is no interval (a single repeat). Numbers round-trip (invariant "R").
    /// </summary>
    public static string Csv(string metric, IReadOnlyList<LearningCurveSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var csv = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (var s in series)
        foreach (var p in Unique(s).Values.OrderBy(p => p.ExpertLabels))
        {
            CsvField.Append(csv, metric);
            csv.Append(',');
            CsvField.Append(csv, s.Method);
            csv.Append(',').Append(p.ExpertLabels.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(p.Value.Count.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(R(p.Value.Mean))
                .Append(',').Append(p.Value.HasInterval ? R(p.Value.Low) : "")
                .Append(',').Append(p.Value.HasInterval ? R(p.Value.High) : "").Append('\n');
        }
        return csv.ToString();
    }

    private static Dictionary<int, LearningCurvePoint> Unique(LearningCurveSeries s)
    {
        var duplicate = s.Points.GroupBy(p => p.ExpertLabels).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Method '{s.Method}' has two points at {duplicate.Key} expert labels.", nameof(s));
        return s.Points.ToDictionary(p => p.ExpertLabels);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
