using CzSL.Data.Csv;
using CzSL.Data.Manifest;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>Per-epoch values of one training stage, read from the CSV training writes (<see cref="TrainingCurveCsv"/>).</summary>
public sealed class TrainingCurve
{
    // Plotted on the left axis; the validation metric goes on the right axis.
    private static readonly string[] LossColumns = [TrainingCurveCsv.TrainLoss, TrainingCurveCsv.ValLoss];

    private TrainingCurve(string name, IReadOnlyDictionary<string, double[]> columns)
    {
        Name = name;
        Columns = columns;
        Rows = columns.Values.FirstOrDefault()?.Length ?? 0;
    }

    /// <summary>Stage name.</summary>
    public string Name { get; }

    /// <summary>Column name (as in <see cref="TrainingCurveCsv.Columns"/>) → values per row; empty cells are NaN.</summary>
    public IReadOnlyDictionary<string, double[]> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows { get; }

    /// <summary>Reads a training CSV.</summary>
    /// <exception cref="ManifestFormatException">The file is malformed or a cell is not a number; the message names file, line and column.</exception>
    public static TrainingCurve Read(string name, string csvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        return new TrainingCurve(name, TrainingCurveCsv.Read(csvPath));
    }

    /// <summary>Losses against epoch on the left axis and the validation metric on the right axis.</summary>
    public PlotModel ToPlot()
    {
        var model = new PlotModel { Title = $"Training: {Name}", Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var epochs = Columns.TryGetValue(TrainingCurveCsv.Epoch, out var e) ? e : Enumerable.Range(1, Rows).Select(i => (double)i).ToArray();
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "Epoch", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "Loss", Key = "loss", MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        foreach (var column in LossColumns)
            if (Columns.TryGetValue(column, out var ys)) model.Series.Add(Line(column, epochs, ys, "loss"));
        if (Columns.TryGetValue(TrainingCurveCsv.ValMetric, out var metric))
        {
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = "Validation metric", Key = "metric" });
            var line = Line(TrainingCurveCsv.ValMetric, epochs, metric, "metric");
            line.LineStyle = LineStyle.Dash;
            model.Series.Add(line);
        }
        return model;
    }

    private static LineSeries Line(string title, double[] xs, double[] ys, string axisKey)
    {
        var line = new LineSeries { Title = title, YAxisKey = axisKey, StrokeThickness = 1.5, MarkerType = MarkerType.Circle, MarkerSize = 2 };
        for (var i = 0; i < xs.Length; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i])) line.Points.Add(new DataPoint(xs[i], ys[i]));
        return line;
    }
}
