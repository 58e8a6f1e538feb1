using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>A metric against the expert budget, one line per strategy with ±sd error bars (log budget axis).</summary>
public static class BudgetCurves
{
    /// <summary>The plot: x = budget as % of the pool (log scale), y = <paramref name="metric"/>, one series per curve.</summary>
    public static PlotModel Create(string title, string metric,
        IReadOnlyList<(string Name, IReadOnlyList<(double Budget, double Mean, double Sd)> Points)> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "Expert labels (% of the pool)", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = metric, MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomRight, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        foreach (var (name, points) in curves)
        {
            var line = new ScatterErrorSeries { Title = name, MarkerType = MarkerType.Circle, MarkerSize = 3, ErrorBarStrokeThickness = 1 };
            var path = new LineSeries { StrokeThickness = 1.5 };
            foreach (var (budget, mean, sd) in points)
            {
                line.Points.Add(new ScatterErrorPoint(budget * 100, mean, 0, sd));
                path.Points.Add(new DataPoint(budget * 100, mean));
            }
            model.Series.Add(path);
            model.Series.Add(line);
            path.Color = model.DefaultColors[(model.Series.Count / 2 - 1) % model.DefaultColors.Count];
            line.MarkerFill = path.Color;
            line.ErrorBarColor = path.Color;
        }
        return model;
    }
}
