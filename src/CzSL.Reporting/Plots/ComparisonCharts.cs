using CzSL.Data.Metrics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>OxyPlot models of a scenario's comparison: metric bars with error bars, confusion heatmap, ROC curves.</summary>
public static class ComparisonCharts
{
    private static readonly OxyColor BaselineColour = OxyColor.FromRgb(0x1F, 0x77, 0xB4);

    /// <summary>
    /// Horizontal bars of <paramref name="metric"/> per method, best at the top, CzSL in red: the mean over repeats with
    /// 95% Student-t confidence-interval whiskers (none for a method with a single repeat).
    /// </summary>
    public static PlotModel MetricBars(ScenarioSummary summary, string metric)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var methods = summary.Ranking.Where(m => m.Expert.ContainsKey(metric)).ToList();
        var intervals = methods.Select(m => m.Expert[metric].Ci95).ToList();
        var model = new PlotModel { Title = $"{summary.Scenario.Key}: {MetricNames.Label(metric)} (mean, 95% CI whiskers, expert labels)", Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var categories = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, Key = "methods" };
        categories.Labels.AddRange(methods.Select(m => m.Name));
        model.Axes.Add(categories);
        var upper = intervals.Count == 0 ? 1 : intervals.Max(ci => ci.Mean + ci.HalfWidth);
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = $"{MetricNames.Label(metric)} (mean and 95% CI over repeats)", Minimum = 0,
            Maximum = Math.Max(1, upper * 1.05), Key = "values",
            MajorGridlineStyle = LineStyle.Dot,
        });
        var bars = new ErrorBarSeries { XAxisKey = "values", YAxisKey = "methods", ErrorStrokeThickness = 1.5, LabelFormatString = "{0:0.000}", LabelPlacement = LabelPlacement.Base, LabelColor = OxyColors.White };
        for (var i = 0; i < methods.Count; i++)
            bars.Items.Add(new ErrorBarItem { Value = intervals[i].Mean, Error = intervals[i].HalfWidth, Color = methods[i].IsCzsl ? PlotColours.Czsl : BaselineColour });
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

    /// <summary>
    /// ROC curves of at most <see cref="RocSelection.MaxMethods"/> methods (<see cref="RocSelection.Select"/>), best AUC
    /// first in the legend, which sits outside the plot; equal 0–1 axes and the chance diagonal.
    /// </summary>
    public static PlotModel RocCurves(string title, IReadOnlyList<RocInput> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = PlotExporter.Font, PlotType = PlotType.Cartesian };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "False positive rate", Minimum = 0, Maximum = 1, MajorStep = 0.2, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "True positive rate", Minimum = 0, Maximum = 1, MajorStep = 0.2, MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop });
        var chance = new LineSeries { Title = "chance", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        chance.Points.Add(new DataPoint(0, 0));
        chance.Points.Add(new DataPoint(1, 1));
        model.Series.Add(chance);
        foreach (var curve in RocSelection.Select(curves))
        {
            var line = new LineSeries { Title = FormattableString.Invariant($"{curve.Method} (AUC {curve.Auc:0.000})"), StrokeThickness = curve.IsCzsl ? 2.5 : 1.5 };
            if (curve.IsCzsl) line.Color = PlotColours.Czsl;
            foreach (var p in curve.Curve) line.Points.Add(new DataPoint(p.FalsePositiveRate, p.TruePositiveRate));
            model.Series.Add(line);
        }
        return model;
    }
}
