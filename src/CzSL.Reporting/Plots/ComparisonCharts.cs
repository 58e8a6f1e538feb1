using CzSL.Data.Metrics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>OxyPlot models of a scenario's comparison: metric bars with error bars, confusion heatmap, ROC curves.</summary>
public static class ComparisonCharts
{
    private static readonly OxyColor CzslColour = OxyColor.FromRgb(0xD6, 0x27, 0x28);
    private static readonly OxyColor BaselineColour = OxyColor.FromRgb(0x1F, 0x77, 0xB4);

    /// <summary>Horizontal bars of <paramref name="metric"/> (mean ± sd over repeats) per method, best at the top; CzSL in red.</summary>
    public static PlotModel MetricBars(ScenarioSummary summary, string metric)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var methods = summary.Ranking.Where(m => m.Expert.ContainsKey(metric)).ToList();
        var model = new PlotModel { Title = $"{summary.Scenario.Key}: {MetricNames.Label(metric)} (mean ± sd, expert labels)", Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var categories = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, Key = "methods" };
        categories.Labels.AddRange(methods.Select(m => m.Name));
        model.Axes.Add(categories);
        var upper = methods.Count == 0 ? 1 : methods.Max(m => m.Expert[metric].Mean + m.Expert[metric].SdRuns);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = MetricNames.Label(metric), Minimum = 0,
            Maximum = Math.Max(1, upper * 1.05), Key = "values",
            MajorGridlineStyle = LineStyle.Dot,
        });
        var bars = new ErrorBarSeries { XAxisKey = "values", YAxisKey = "methods", ErrorStrokeThickness = 1.5, LabelFormatString = "{0:0.000}", LabelPlacement = LabelPlacement.Base, LabelColor = OxyColors.White };
        foreach (var m in methods)
            bars.Items.Add(new ErrorBarItem { Value = m.Expert[metric].Mean, Error = m.Expert[metric].SdRuns, Color = m.IsCzsl ? CzslColour : BaselineColour });
        model.Series.Add(bars);
        return model;
    }

    /// <summary>Row-normalised confusion matrix (rows = expert class, columns = predicted) with the fractions printed in the cells.</summary>
    public static PlotModel ConfusionHeatmap(string title, IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(counts);
        var n = classes.Count;
        if (counts.Count != n || counts.Any(r => r.Count != n))
            throw new ArgumentException($"Confusion matrix must be {n}×{n} for classes {string.Join(", ", classes)}.", nameof(counts));
        var data = new double[n, n];
        for (var truth = 0; truth < n; truth++)
        {
            double total = counts[truth].Sum();
            for (var predicted = 0; predicted < n; predicted++)
                data[predicted, truth] = total > 0 ? counts[truth][predicted] / total : 0;
        }
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var x = new CategoryAxis { Position = AxisPosition.Bottom, Title = "Predicted", Key = "predicted", GapWidth = 0 };
        x.Labels.AddRange(classes);
        var y = new CategoryAxis { Position = AxisPosition.Left, Title = "Expert", Key = "expert", StartPosition = 1, EndPosition = 0, GapWidth = 0 };
        y.Labels.AddRange(classes);
        model.Axes.Add(x);
        model.Axes.Add(y);
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right, Minimum = 0, Maximum = 1, Key = "colour",
            Palette = OxyPalette.Interpolate(100, OxyColors.White, OxyColor.FromRgb(0x08, 0x30, 0x6B)),
        });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = n - 1, Y0 = 0, Y1 = n - 1, Data = data,
            XAxisKey = "predicted", YAxisKey = "expert", ColorAxisKey = "colour",
            CoordinateDefinition = HeatMapCoordinateDefinition.Center, RenderMethod = HeatMapRenderMethod.Rectangles,
            LabelFormatString = "0.00", LabelFontSize = 0.2,
        });
        return model;
    }

    /// <summary>ROC curves, one line per method, with the chance diagonal.</summary>
    public static PlotModel RocCurves(string title, IReadOnlyList<(string Method, double Auc, IReadOnlyList<RocPoint> Curve)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "False positive rate", Minimum = 0, Maximum = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "True positive rate", Minimum = 0, Maximum = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightBottom, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        var chance = new LineSeries { Title = "chance", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        chance.Points.Add(new DataPoint(0, 0));
        chance.Points.Add(new DataPoint(1, 1));
        model.Series.Add(chance);
        foreach (var (method, auc, curve) in curves)
        {
            var line = new LineSeries { Title = FormattableString.Invariant($"{method} (AUC {auc:0.000})"), StrokeThickness = 1.5 };
            foreach (var p in curve) line.Points.Add(new DataPoint(p.FalsePositiveRate, p.TruePositiveRate));
            model.Series.Add(line);
        }
        return model;
    }
}
