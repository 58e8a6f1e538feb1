using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CzSL.Reporting.Statistics;

/// <summary>
/// The mean of repeated measurements with its Student-t confidence interval, mean ± t(1 − α/2, n − 1) · sd / √n
/// (sd with n − 1). With fewer than two values there is no interval: <see cref="Low"/> and <see cref="High"/> are NaN.
/// </summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Low">Lower end of the interval; NaN with fewer than two values.</param>
/// <param name="High">Upper end of the interval; NaN with fewer than two values.</param>
/// <param name="Count">Number of values.</param>
public readonly record struct MeanCi(double Mean, double Low, double High, int Count)
{
    /// <summary>The confidence level of <see cref="Of"/>'s default interval.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>True when the interval exists (at least two values).</summary>
    public bool HasInterval => !double.IsNaN(Low);

    /// <summary>Half the interval's width; 0 when there is none (a whisker of no length).</summary>
    public double HalfWidth => HasInterval ? (High - Low) / 2 : 0;

    /// <summary>The mean and the <paramref name="level"/> t-interval of <paramref name="values"/> (at least one, all finite).</summary>
    /// <exception cref="ArgumentException">No values, a non-finite value, or a level outside (0, 1).</exception>
    public static MeanCi Of(IReadOnlyCollection<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie in (0, 1).");
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("A value is not finite.", nameof(values));
        var (mean, sd, n) = CzSL.Data.Metrics.MeanSd.Of(values);
        if (n < 2) return new MeanCi(mean, double.NaN, double.NaN, n);
        var half = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2) * sd / Math.Sqrt(n);
        return new MeanCi(mean, mean - half, mean + half, n);
    }

    /// <summary>"mean [low, high]" with <paramref name="decimals"/> decimals, or "mean [no CI, n = 1]" without an interval.</summary>
    public string Format(int decimals = 3)
    {
        var f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        var mean = Mean.ToString(f, CultureInfo.InvariantCulture);
        return HasInterval
            ? $"{mean} [{Low.ToString(f, CultureInfo.InvariantCulture)}, {High.ToString(f, CultureInfo.InvariantCulture)}]"
            : $"{mean} [no CI, n = {Count.ToString(CultureInfo.InvariantCulture)}]";
    }
}
