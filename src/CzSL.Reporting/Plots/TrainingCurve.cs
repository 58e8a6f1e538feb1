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

    /// <summary>True when at least one loss or validation-metric value can be drawn.</summary>
    public bool HasData => Plotted(LossColumns).Concat(Plotted([TrainingCurveCsv.ValMetric])).Any();

    /// <summary>
    /// Losses against epoch on the left axis and the validation metric on the right axis; an axis only when it has a
    /// series with data; the epoch axis has integer ticks only.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing to draw (<see cref="HasData"/> is false).</exception>
    public PlotModel ToPlot()
    {
        if (!HasData) throw new InvalidOperationException($"Training curve '{Name}' has no loss or metric value to plot.");
        var model = new PlotModel { Title = $"Training: {Name}", Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var epochs = Epochs();
        var first = epochs.Where(double.IsFinite).DefaultIfEmpty(1).Min();
        var last = epochs.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "Epoch", MajorGridlineStyle = LineStyle.Dot,
            MajorStep = EpochStep(last - first), MinorStep = 1, StringFormat = "0",
            Minimum = first - 0.5, Maximum = last + 0.5,
        });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        var losses = Plotted(LossColumns).ToList();
        if (losses.Count > 0)
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "Loss", Key = "loss", MajorGridlineStyle = LineStyle.Dot });
        foreach (var column in losses) model.Series.Add(Line(column, epochs, Columns[column], "loss"));
        if (Plotted([TrainingCurveCsv.ValMetric]).Any())
        {
            model.Axes.Add(new LinearAxis { Position = losses.Count > 0 ? AxisPosition.Right : AxisPosition.Left, Title = "Validation metric", Key = "metric" });
            var line = Line(TrainingCurveCsv.ValMetric, epochs, Columns[TrainingCurveCsv.ValMetric], "metric");
            line.LineStyle = LineStyle.Dash;
            model.Series.Add(line);
        }
        return model;
    }

    /// <summary>Whole epochs between major ticks: 1 up to 10 epochs, then a 1-2-5 step giving at most about 10 ticks.</summary>
    internal static double EpochStep(double range)
    {
        foreach (var decade in new[] { 1, 10, 100, 1000, 10000 })
            foreach (var factor in new[] { 1, 2, 5 })
                if (range / (factor * decade) <= 10) return factor * decade;
        return 100000;
    }

    private double[] Epochs() =>
        Columns.TryGetValue(TrainingCurveCsv.Epoch, out var e) ? e : Enumerable.Range(1, Rows).Select(i => (double)i).ToArray();

    /// <summary>The columns among <paramref name="names"/> with at least one finite value at a finite epoch.</summary>
    private IEnumerable<string> Plotted(IEnumerable<string> names)
    {
        var epochs = Epochs();
        return names.Where(n => Columns.TryGetValue(n, out var ys) && ys.Where((y, i) => double.IsFinite(y) && double.IsFinite(epochs[i])).Any());
    }

    private static LineSeries Line(string title, double[] xs, double[] ys, string axisKey)
    {
        var line = new LineSeries { Title = title, YAxisKey = axisKey, StrokeThickness = 1.5, MarkerType = MarkerType.Circle, MarkerSize = 2 };
        for (var i = 0; i < xs.Length; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i])) line.Points.Add(new DataPoint(xs[i], ys[i]));
        return line;
    }
}
