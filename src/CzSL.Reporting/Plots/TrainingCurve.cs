using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>
/// Per-epoch values of one training stage, read from the CSV training writes (header
/// <c>epoch,train_loss,val_loss,val_metric,lr,seconds</c>; any subset of columns, in any order, is accepted).
/// </summary>
public sealed class TrainingCurve
{
    /// <summary>The column plotted on the horizontal axis; without it the row number (1-based) is used.</summary>
    public const string EpochColumn = "epoch";

    /// <summary>Loss columns, plotted on the left axis.</summary>
    public static readonly IReadOnlyList<string> LossColumns = ["train_loss", "val_loss"];

    /// <summary>Metric column, plotted on the right axis.</summary>
    public const string MetricColumn = "val_metric";

    private TrainingCurve(string name, IReadOnlyDictionary<string, double[]> columns, int rows)
    {
        Name = name;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Stage name.</summary>
    public string Name { get; }

    /// <summary>Column name (lower case) → values per row; empty cells are NaN.</summary>
    public IReadOnlyDictionary<string, double[]> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows { get; }

    /// <summary>Reads a training CSV.</summary>
    /// <exception cref="FormatException">A cell is not a number; the message names file, line and column.</exception>
    public static TrainingCurve Read(string name, string csvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        var lines = File.ReadAllLines(csvPath);
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
            throw new FormatException($"{csvPath}: line 1: missing header.");
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var values = header.Select(_ => new List<double>()).ToArray();
        var rows = 0;
        for (var line = 1; line < lines.Length; line++)
        {
            if (string.IsNullOrWhiteSpace(lines[line])) continue;
            var cells = lines[line].Split(',');
            if (cells.Length != header.Length)
                throw new FormatException($"{csvPath}: line {line + 1}: {cells.Length} cells; the header has {header.Length}.");
            for (var c = 0; c < cells.Length; c++)
            {
                var text = cells[c].Trim();
                if (text.Length == 0) { values[c].Add(double.NaN); continue; }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new FormatException($"{csvPath}: line {line + 1}, column '{header[c]}': '{text}' is not a number.");
                values[c].Add(v);
            }
            rows++;
        }
        var columns = new Dictionary<string, double[]>();
        for (var c = 0; c < header.Length; c++) columns[header[c]] = values[c].ToArray();
        return new TrainingCurve(name, columns, rows);
    }

    /// <summary>Losses against epoch on the left axis and the validation metric on the right axis.</summary>
    public PlotModel ToPlot()
    {
        var model = new PlotModel { Title = $"Training: {Name}", Background = OxyColors.White, DefaultFont = PlotExporter.Font };
        var epochs = Columns.TryGetValue(EpochColumn, out var e) ? e : Enumerable.Range(1, Rows).Select(i => (double)i).ToArray();
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "Epoch", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "Loss", Key = "loss", MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        foreach (var column in LossColumns)
            if (Columns.TryGetValue(column, out var ys)) model.Series.Add(Line(column, epochs, ys, "loss"));
        if (Columns.TryGetValue(MetricColumn, out var metric))
        {
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = "Validation metric", Key = "metric" });
            var line = Line(MetricColumn, epochs, metric, "metric");
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
