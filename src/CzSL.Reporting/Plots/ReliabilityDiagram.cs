using System.Globalization;
using CzSL.Data.Metrics;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CzSL.Reporting.Plots;

/// <summary>One method's calibration bins for <see cref="ReliabilityDiagram.Create"/>.</summary>
/// <param name="Method">Method name.</param>
/// <param name="IsCzsl">True for CzSL (drawn in red).</param>
/// <param name="Curve">The bins drawn.</param>
/// <param name="Ece">The expected calibration error reported in the tables (top-class bins of the same predictions).</param>
public sealed record ReliabilityInput(string Method, bool IsCzsl, CalibrationCurve Curve, double Ece);

/// <summary>
/// Reliability diagram: observed frequency against the mean predicted probability of each non-empty bin, with the
/// diagonal of perfect calibration above and the bin counts as bars below; the ECE per method in the subtitle.
/// </summary>
public static class ReliabilityDiagram
{
    private static readonly OxyColor[] OtherColours = [OxyColor.FromRgb(0x1F, 0x77, 0xB4), OxyColor.FromRgb(0x2C, 0xA0, 0x2C), OxyColor.FromRgb(0x94, 0x67, 0xBD)];

    /// <summary>
    /// The diagram of <paramref name="inputs"/> (all binning the same target). <paramref name="positiveClass"/> names
    /// class 1 for <see cref="CalibrationTarget.PositiveClass"/> bins.
    /// </summary>
    /// <exception cref="ArgumentException">No inputs, or inputs that bin different targets.</exception>
    public static PlotModel Create(string title, IReadOnlyList<ReliabilityInput> inputs, string? positiveClass = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("No calibration curves to draw.", nameof(inputs));
        var target = inputs[0].Curve.Target;
        if (inputs.Any(i => i.Curve.Target != target)) throw new ArgumentException("The curves bin different probabilities.", nameof(inputs));
        var positive = target == CalibrationTarget.PositiveClass ? $"P({positiveClass ?? "class 1"})" : null;
        var model = new PlotModel
        {
            Title = title, Subtitle = Subtitle(inputs, positive),
            Background = OxyColors.White, DefaultFont = PlotExporter.Font, SubtitleFontSize = 11,
        };
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Minimum = 0, Maximum = 1, MajorStep = 0.2, MajorGridlineStyle = LineStyle.Dot,
            Title = positive is null ? "Confidence (top-class probability)" : $"Predicted {positive}",
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Key = "frequency", Minimum = 0, Maximum = 1, MajorStep = 0.2, StartPosition = 0.32, EndPosition = 1,
            MajorGridlineStyle = LineStyle.Dot, Title = positive is null ? "Accuracy" : $"Observed share of {positiveClass ?? "class 1"}",
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Key = "count", Minimum = 0, StartPosition = 0, EndPosition = 0.25, Title = "Count", MinimumPadding = 0, MaximumPadding = 0.1 });
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.RightTop });
        var diagonal = new LineSeries { Title = "perfect calibration", Color = OxyColors.Gray, LineStyle = LineStyle.Dash, YAxisKey = "frequency" };
        diagonal.Points.Add(new DataPoint(0, 0));
        diagonal.Points.Add(new DataPoint(1, 1));
        model.Series.Add(diagonal);
        var others = 0;
        for (var m = 0; m < inputs.Count; m++)
        {
            var input = inputs[m];
            var colour = input.IsCzsl ? PlotColours.Czsl : OtherColours[others++ % OtherColours.Length];
            var line = new LineSeries { Title = input.Method, Color = colour, YAxisKey = "frequency", StrokeThickness = input.IsCzsl ? 2.5 : 1.5, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = colour };
            var bars = new RectangleBarSeries { YAxisKey = "count", FillColor = OxyColor.FromAColor(160, colour), StrokeThickness = 0 };
            foreach (var bin in input.Curve.Bins)
            {
                if (bin.Count == 0) continue;
                line.Points.Add(new DataPoint(bin.MeanProbability, bin.ObservedFrequency));
                var width = (bin.Upper - bin.Lower) / inputs.Count;
                bars.Items.Add(new RectangleBarItem(bin.Lower + m * width, 0, bin.Lower + (m + 1) * width, bin.Count));
            }
            model.Series.Add(line);
            model.Series.Add(bars);
        }
        return model;
    }

    private static string Subtitle(IReadOnlyList<ReliabilityInput> inputs, string? positive) =>
        string.Join(" · ", inputs.Select(i => positive is null
            ? string.Create(CultureInfo.InvariantCulture, $"{i.Method}: ECE {i.Ece:0.000}, n = {i.Curve.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"{i.Method}: ECE {i.Ece:0.000} ({positive} bins: {i.Curve.ExpectedCalibrationError:0.000}), n = {i.Curve.Count}")))
        + string.Create(CultureInfo.InvariantCulture, $"; {inputs[0].Curve.Bins.Count} equal-width bins");
}
