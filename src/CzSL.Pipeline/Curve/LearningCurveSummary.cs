using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Recipe;

namespace CzSL.Pipeline.Curve;

/// <summary>A method's metric at one size of the curve over the repeats: mean and 95% CI, and the labels used.</summary>
/// <param name="Method">The method.</param>
/// <param name="RequestedSize">The curve's size (0: all).</param>
/// <param name="Labels">Mean number of expert labels used.</param>
/// <param name="Mean">Mean over repeats.</param>
/// <param name="Low">95% CI low (t over repeats).</param>
/// <param name="High">95% CI high.</param>
/// <param name="Repeats">Repeats measured.</param>
public sealed record CurveCell(string Method, int RequestedSize, double Labels, double Mean, double Low, double High, int Repeats);

/// <summary>CzSL minus the expert-only CNN at one size, paired over repeats (same test galaxies): mean and 95% CI.</summary>
public sealed record PairedDifference(int RequestedSize, double Mean, double Low, double High, int Repeats);

/// <summary>One scenario's learning curve: cells per method (the best classical baseline only) and CzSL's paired gain.</summary>
/// <param name="Scenario">The task.</param>
/// <param name="Metric">The main metric's name.</param>
/// <param name="Cells">Method → cells in size order.</param>
/// <param name="BestBaseline">The classical baseline with the highest mean over all sizes (null: none ran).</param>
/// <param name="Gain">CzSL − expert-only per size.</param>
public sealed record ScenarioCurve(Scenario Scenario, string Metric, IReadOnlyDictionary<string, IReadOnlyList<CurveCell>> Cells,
    string? BestBaseline, IReadOnlyList<PairedDifference> Gain);

/// <summary>Summarises and writes learning-curve points: <c>points.csv</c> (every repeat) and <c>learning-curve.md</c>.</summary>
public static class LearningCurveSummary
{
    /// <summary>File of every measured point.</summary>
    public const string PointsFile = "points.csv";

    /// <summary>The markdown summary.</summary>
    public const string MarkdownFile = "learning-curve.md";

    /// <summary>Summarises <paramref name="points"/> per scenario, in <paramref name="sizes"/> order.</summary>
    public static IReadOnlyList<ScenarioCurve> Summarise(IReadOnlyList<CurvePoint> points, IReadOnlyList<int> sizes)
    {
        var curves = new List<ScenarioCurve>();
        foreach (var scenario in points.Select(p => p.Scenario).Distinct())
        {
            var mine = points.Where(p => p.Scenario == scenario).ToList();
            var classical = mine.Select(p => p.Method).Distinct().Where(IsClassical).ToList();
            var best = classical.Count == 0 ? null
                : classical.OrderByDescending(m => mine.Where(p => p.Method == m).Average(p => p.Value)).ThenBy(m => m, StringComparer.Ordinal).First();
            var methods = mine.Select(p => p.Method).Distinct().Where(m => !IsClassical(m) || m == best).ToList();
            var cells = methods.ToDictionary(m => m, m => (IReadOnlyList<CurveCell>)sizes
                .Select(size => mine.Where(p => p.Method == m && p.RequestedSize == size).ToList())
                .Where(group => group.Count > 0)
                .Select(group =>
                {
                    var values = group.Select(p => p.Value).ToArray();
                    var (low, high) = ExpertEvaluation.Ci(values);
                    return new CurveCell(m, group[0].RequestedSize, group.Average(p => p.Labels), values.Average(), low, high, values.Length);
                }).ToList());
            var gain = sizes.Select(size =>
            {
                var czsl = mine.Where(p => p.Method == CzslMethod.Czsl.Name() && p.RequestedSize == size).ToDictionary(p => p.Repeat, p => p.Value);
                var differences = mine.Where(p => p.Method == CzslMethod.ExpertOnly.Name() && p.RequestedSize == size && czsl.ContainsKey(p.Repeat))
                    .Select(p => czsl[p.Repeat] - p.Value).ToArray();
                if (differences.Length == 0) return null;
                var (low, high) = ExpertEvaluation.Ci(differences);
                return new PairedDifference(size, differences.Average(), low, high, differences.Length);
            }).OfType<PairedDifference>().ToList();
            curves.Add(new ScenarioCurve(scenario, ExpertEvaluation.MainMetricName(scenario), cells, best, gain));
        }
        return curves;
    }

    /// <summary>True for a classical baseline's method name (trainer-features-labels).</summary>
    public static bool IsClassical(string method) => method.EndsWith("-expert", StringComparison.Ordinal) || method.EndsWith("-amateur", StringComparison.Ordinal);

    /// <summary>Writes <see cref="PointsFile"/> (atomically).</summary>
    public static void WritePoints(IReadOnlyList<CurvePoint> points, string path)
    {
        var csv = new StringBuilder("scenario,method,repeat,size,labels,value,seconds\n");
        foreach (var p in points)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Scenario.Name()},{p.Method},{p.Repeat + 1},{(p.RequestedSize == 0 ? "all" : p.RequestedSize.ToString(CultureInfo.InvariantCulture))},{p.Labels},{p.Value:R},{p.Seconds:F1}"));
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>The markdown tables: per scenario, methods × sizes as "mean [95% CI]", and CzSL's paired gain over expert-only.</summary>
    public static string Markdown(IReadOnlyList<ScenarioCurve> curves, string header)
    {
        var md = new StringBuilder(header).AppendLine().AppendLine();
        foreach (var curve in curves)
        {
            var sizes = curve.Cells.Values.SelectMany(c => c).Select(c => c.RequestedSize).Distinct().ToList();
            string Label(int size) => size == 0
                ? $"all ({curve.Cells.Values.SelectMany(c => c).Where(c => c.RequestedSize == 0).Select(c => c.Labels).DefaultIfEmpty().Max():0})"
                : size.ToString(CultureInfo.InvariantCulture);
            md.AppendLine(CultureInfo.InvariantCulture, $"### {curve.Scenario} — {curve.Metric} (mean [95% CI] over repeats)").AppendLine();
            md.AppendLine("| method | " + string.Join(" | ", sizes.Select(Label)) + " |");
            md.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---|")));
            foreach (var (method, cells) in curve.Cells)
            {
                var name = method == curve.BestBaseline ? $"{method} (best classical)" : method;
                md.AppendLine($"| {name} | " + string.Join(" | ", sizes.Select(size =>
                    cells.FirstOrDefault(c => c.RequestedSize == size) is { } c
                        ? string.Create(CultureInfo.InvariantCulture, $"{c.Mean:F3} [{c.Low:F3}, {c.High:F3}]")
                        : "—")) + " |");
            }
            md.AppendLine("| **CzSL − expert-only** (paired) | " + string.Join(" | ", sizes.Select(size =>
                curve.Gain.FirstOrDefault(g => g.RequestedSize == size) is { } g
                    ? string.Create(CultureInfo.InvariantCulture, $"{g.Mean:+0.000;-0.000} [{g.Low:+0.000;-0.000}, {g.High:+0.000;-0.000}]")
                    : "—")) + " |").AppendLine();
        }
        return md.ToString();
    }
}
