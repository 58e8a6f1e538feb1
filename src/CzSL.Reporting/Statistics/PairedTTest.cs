using MathNet.Numerics.Distributions;

namespace CzSL.Reporting.Statistics;

/// <summary>Result of a paired t-test of a − b.</summary>
/// <param name="Pairs">Number of pairs.</param>
/// <param name="MeanDifference">Mean of a − b.</param>
/// <param name="SdDifference">Sample standard deviation of a − b.</param>
/// <param name="T">t statistic, mean / (sd / √n); ±∞ when every difference is the same non-zero value, 0 when all are 0.</param>
/// <param name="DegreesOfFreedom">n − 1.</param>
/// <param name="PValue">Two-sided p-value.</param>
public sealed record PairedTTestResult(int Pairs, double MeanDifference, double SdDifference, double T, int DegreesOfFreedom, double PValue);

/// <summary>Student's paired t-test (as scipy.stats.ttest_rel, two-sided).</summary>
public static class PairedTTest
{
    /// <summary>Tests whether the mean of <paramref name="a"/> − <paramref name="b"/> differs from 0.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, or a non-finite value.</exception>
    public static PairedTTestResult Run(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = PairedDifferences.Of(a, b);
        if (d.Length < 2) throw new ArgumentException($"A paired t-test needs at least 2 pairs; got {d.Length}.", nameof(a));
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
        var df = d.Length - 1;
        double t = sd > 0 ? mean / (sd / Math.Sqrt(d.Length)) : mean == 0 ? 0 : Math.CopySign(double.PositiveInfinity, mean);
        var p = sd > 0 ? TwoSidedP(t, df) : mean == 0 ? 1 : 0;
        return new PairedTTestResult(d.Length, mean, sd, t, df, p);
    }

    /// <summary>Two-sided p-value P(|T| ≥ |t|) of Student's t with <paramref name="degreesOfFreedom"/> (MathNet.Numerics).</summary>
    /// <exception cref="ArgumentException"><paramref name="t"/> is NaN or <paramref name="degreesOfFreedom"/> is not positive.</exception>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t)) throw new ArgumentException("t is NaN.", nameof(t));
        return 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));
    }
}

/// <summary>Element-wise differences of two equally long, finite samples.</summary>
internal static class PairedDifferences
{
    public static double[] Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"Paired samples differ in length: {a.Count} and {b.Count}.", nameof(b));
        var d = new double[a.Count];
        for (var i = 0; i < d.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
                throw new ArgumentException($"Pair {i} holds a non-finite value ({a[i]}, {b[i]}).", nameof(a));
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
