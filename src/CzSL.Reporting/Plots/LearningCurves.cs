using CzSL.Reporting.Statistics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>A metric at one number of expert labels: the mean over repeats and its 95% confidence interval.</summary>
/// <param name="ExpertLabels">Number of expert labels trained on (positive).</param>
/// <param name="Value">Mean and 95% CI over the repeats at this label count.</param>
public sealed record LearningCurvePoint(int ExpertLabels, MeanCi Value);

/// <summary>One method's learning curve.</summary>
/// <param name="Method">Method name.</param>
/// <param name="IsCzsl">True for CzSL: always drawn, in red.</param>
/// <param name="Points">The points (any order; drawn by label count).</param>
public sealed record LearningCurveSeries(string Method, bool IsCzsl, IReadOnlyList<LearningCurvePoint> Points);

/// <summary>
/// Learning curves: a metric against the number of expert labels (log axis), one line per method with 95% CI
/// whiskers, at most <see cref="MaxMethods"/> methods, legend outside the plot.
/// </summary>
public static class LearningCurves
{
    /// <summary>Most methods in one figure.</summary>
    public const int MaxMethods = 6;


    // Okabe–Ito colours (distinguishable with colour-vision deficiencies), none close to CzSL's red.
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x00, 0x72, 0xB2), OxyColor.FromRgb(0xE6, 0x9F, 0x00), OxyColor.FromRgb(0x00, 0x9E, 0x73),
        OxyColor.FromRgb(0x56, 0xB4, 0xE9), OxyColor.FromRgb(0xCC, 0x79, 0xA7), OxyColor.FromRgb(0x00, 0x00, 0x00),
    ];

    private static readonly MarkerType[] Markers = [MarkerType.Circle, MarkerType.Square, MarkerType.Diamond, MarkerType.Triangle, MarkerType.Cross, MarkerType.Star];

    /// <summary>
    /// Every CzSL series (up to <paramref name="max"/>), then the others by their mean at their largest label count (best
    /// first by <see cref="MetricNames.HigherIsBetter"/> of <paramref name="metric"/>, ties by name), in that order.
    /// </summary>
    public static IReadOnlyList<LearningCurveSeries> Select(string metric, IReadOnlyList<LearningCurveSeries> series, int max = MaxMethods)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var sign = MetricNames.HigherIsBetter(metric) ? 1 : -1;
        double Final(LearningCurveSeries s) => s.Points.Count == 0 ? double.NegativeInfinity : sign * s.Points.MaxBy(p => p.ExpertLabels)!.Value.Mean;
        return series.OrderByDescending(s => s.IsCzsl).ThenByDescending(Final).ThenBy(s => s.Method, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>The figure of <paramref name="metric"/> for the methods <see cref="Select"/> keeps.</summary>
    /// <exception cref="ArgumentException">No point to draw, or a label count that is not positive.</exception>
    public static PlotModel Create(string title, string metric, IReadOnlyList<LearningCurveSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var shown = Select(metric, series);
        if (shown.All(s => s.Points.Count == 0)) throw new ArgumentException("No learning-curve points to draw.", nameof(series));
        var bad = shown.SelectMany(s => s.Points).FirstOrDefault(p => p.ExpertLabels <= 0);
        if (bad is not null) throw new ArgumentException($"A learning-curve point has {bad.ExpertLabels} expert labels; the log axis needs a positive count.", nameof(series));
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "expert labels", MajorGridlineStyle = LineStyle.Dot, StringFormat = "#,0" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = $"{MetricNames.Label(metric)} (mean, 95% CI whiskers)", MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop });
        var others = 0;
        for (var i = 0; i < shown.Count; i++)
        {
            var s = shown[i];
            var colour = s.IsCzsl ? PlotColours.Czsl : Palette[others++ % Palette.Length];
            // Each method's points are nudged sideways (a few % on the log axis) so that whiskers at one label count stay apart.
            var dodge = Math.Pow(1.035, i - (shown.Count - 1) / 2.0);
            var points = s.Points.OrderBy(p => p.ExpertLabels).ToList();
            var line = new LineSeries
            {
                Title = s.Method, Color = colour, StrokeThickness = s.IsCzsl ? 2.5 : 1.5, MarkerType = Markers[i % Markers.Length], MarkerSize = 3.5, MarkerFill = colour,
            };
            line.Points.AddRange(points.Select(p => new DataPoint(p.ExpertLabels * dodge, p.Value.Mean)));
            model.Series.Add(line);
            model.Series.Add(Whiskers(points, colour, dodge));
        }
        return model;
    }

    /// <summary>One unlabelled series of vertical CI segments with short caps, broken between points.</summary>
    internal static LineSeries Whiskers(IReadOnlyList<LearningCurvePoint> points, OxyColor colour, double dodge = 1)
    {
        const double cap = 1.015;
        var whiskers = new LineSeries { Color = colour, StrokeThickness = 1, RenderInLegend = false };
        foreach (var p in points.Where(p => p.Value.HasInterval))
        {
            double x = p.ExpertLabels * dodge, low = p.Value.Low, high = p.Value.High;
            whiskers.Points.AddRange([new(x / cap, low), new(x * cap, low), DataPoint.Undefined, new(x, low), new(x, high), DataPoint.Undefined,
                                      new(x / cap, high), new(x * cap, high), DataPoint.Undefined]);
        }
        return whiskers;
    }
}
