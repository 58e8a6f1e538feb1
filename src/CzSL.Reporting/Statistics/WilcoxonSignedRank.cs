using MathNet.Numerics.Distributions;

namespace CzSL.Reporting.Statistics;

/// <summary>Result of a Wilcoxon signed-rank test of a − b.</summary>
/// <param name="NonZeroPairs">Pairs whose difference is not zero (zeros are dropped, Wilcoxon's convention).</param>
/// <param name="PositiveRankSum">W₊, the sum of the ranks of |d| over positive differences.</param>
/// <param name="Statistic">min(W₊, W₋), the statistic scipy reports.</param>
/// <param name="PValue">Two-sided p-value (1 when no difference is non-zero).</param>
/// <param name="Exact">True when the p-value comes from the exact null distribution, false for the normal approximation.</param>
public sealed record WilcoxonResult(int NonZeroPairs, double PositiveRankSum, double Statistic, double PValue, bool Exact);

/// <summary>
/// Wilcoxon signed-rank test (two-sided, zeros dropped). Exact null distribution when there are at most
/// <see cref="ExactLimit"/> non-zero differences and no tied |d|; otherwise the normal approximation with the tie
/// correction and no continuity correction (scipy.stats.wilcoxon's defaults).
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>Largest number of non-zero differences for the exact distribution.</summary>
    public const int ExactLimit = 50;

    /// <summary>Tests whether the differences <paramref name="a"/> − <paramref name="b"/> are symmetric about 0.</summary>
    public static WilcoxonResult Run(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = PairedDifferences.Of(a, b).Where(v => v != 0).ToArray();
        var n = d.Length;
        if (n == 0) return new WilcoxonResult(0, 0, 0, 1, true);
        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(d[i])).ToArray();
        var ranks = new double[n];
        var tieTerm = 0.0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && Math.Abs(d[order[end + 1]]) == Math.Abs(d[order[start]])) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++) ranks[order[i]] = rank;
            var size = end - start + 1;
            tieTerm += (double)size * size * size - size;
            start = end + 1;
        }
        var positive = 0.0;
        for (var i = 0; i < n; i++)
            if (d[i] > 0) positive += ranks[i];
        var statistic = Math.Min(positive, n * (n + 1) / 2.0 - positive);
        if (n <= ExactLimit && tieTerm == 0)
            return new WilcoxonResult(n, positive, statistic, Math.Min(1, 2 * ExactLowerTail(n, (int)statistic)), true);
        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48;
        var z = (statistic - mean) / Math.Sqrt(variance);
        return new WilcoxonResult(n, positive, statistic, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))), false);
    }

    /// <summary>P(W ≤ w) under the null for ranks 1..n: the share of the 2ⁿ sign patterns whose positive ranks sum to at most w.</summary>
    private static double ExactLowerTail(int n, int w)
    {
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
            for (var sum = max; sum >= rank; sum--)
                counts[sum] += counts[sum - rank];
        double below = 0;
        for (var sum = 0; sum <= w; sum++) below += counts[sum];
        return below / Math.Pow(2, n);
    }
}
