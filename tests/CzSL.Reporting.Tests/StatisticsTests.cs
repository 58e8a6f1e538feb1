using CzSL.Reporting.Statistics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CzSL.Reporting.Tests;

[TestClass]
public sealed class StatisticsTests
{
    // The special functions behind the p-values come from MathNet.Numerics; these hand values check that they are as
    // precise as the tests of the p-values below need.
    [TestMethod]
    public void LogGammaMatchesKnownValues()
    {
        Assert.AreEqual(0.5 * Math.Log(Math.PI), SpecialFunctions.GammaLn(0.5), 1e-13);
        Assert.AreEqual(Math.Log(362880), SpecialFunctions.GammaLn(10), 1e-12);
        Assert.AreEqual(0, SpecialFunctions.GammaLn(1), 1e-13);
        Assert.AreEqual(Math.Log(Math.Sqrt(Math.PI) / 2), SpecialFunctions.GammaLn(1.5), 1e-13);
    }

    [TestMethod]
    public void IncompleteBetaMatchesClosedForms()
    {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(2, 1/2) = 1 − 1.5 s + 0.5 s³ with s = √(1 − x).
        Assert.AreEqual(0.3, SpecialFunctions.BetaRegularized(1, 1, 0.3), 1e-13);
        Assert.AreEqual(Math.Pow(0.7, 3.5), SpecialFunctions.BetaRegularized(3.5, 1, 0.7), 1e-13);
        foreach (var x in new[] { 0.05, 0.4, 0.9, 0.999 })
        {
            var s = Math.Sqrt(1 - x);
            Assert.AreEqual(1 - 1.5 * s + 0.5 * s * s * s, SpecialFunctions.BetaRegularized(2, 0.5, x), 1e-12);
        }
        Assert.AreEqual(0, SpecialFunctions.BetaRegularized(2, 3, 0));
        Assert.AreEqual(1, SpecialFunctions.BetaRegularized(2, 3, 1));
    }

    [TestMethod]
    public void StudentTMatchesClosedFormsAndTables()
    {
        // ν = 1 (Cauchy): p = 1 − (2/π) atan|t|; ν = 2: p = 1 − |t| / √(2 + t²).
        Assert.AreEqual(0.5, PairedTTest.TwoSidedP(1, 1), 1e-13);
        Assert.AreEqual(1 - 2 / Math.PI * Math.Atan(3.7), PairedTTest.TwoSidedP(-3.7, 1), 1e-13);
        Assert.AreEqual(0.18350341907227385, PairedTTest.TwoSidedP(2, 2), 1e-13);
        // Two-sided 5% critical values from t tables: t(9) = 2.2621572, t(30) = 2.0422725.
        Assert.AreEqual(0.05, PairedTTest.TwoSidedP(2.2621572, 9), 1e-7);
        Assert.AreEqual(0.05, PairedTTest.TwoSidedP(2.0422725, 30), 1e-7);
        Assert.AreEqual(0.975, StudentT.CDF(0, 1, 9, 2.2621572), 1e-7);
        Assert.AreEqual(0.025, StudentT.CDF(0, 1, 9, -2.2621572), 1e-7);
        Assert.AreEqual(0.5, StudentT.CDF(0, 1, 5, 0), 1e-15);
    }

    [TestMethod]
    public void PairedTTestMatchesHandExample()
    {
        // d = a − b = [0.02, 0.02, −0.01, 0.04, 0.03]: mean 0.02, sd √(3.5e−4), t = 0.02 / (sd/√5) = √(40/7) = 2.390457218668787.
        // df = 4 has the closed form p = 1 − 1.5 s + 0.5 s³, s = t/√(4 + t²) = √(10/17): p = 0.07513045462522977,
        // which is what scipy.stats.ttest_rel(a, b) reports for these arrays.
        double[] a = [0.80, 0.82, 0.79, 0.85, 0.81];
        double[] b = [0.78, 0.80, 0.80, 0.81, 0.78];
        var result = PairedTTest.Run(a, b);
        Assert.AreEqual(5, result.Pairs);
        Assert.AreEqual(4, result.DegreesOfFreedom);
        Assert.AreEqual(0.02, result.MeanDifference, 1e-12);
        Assert.AreEqual(Math.Sqrt(3.5e-4), result.SdDifference, 1e-12);
        Assert.AreEqual(2.390457218668787, result.T, 1e-9);
        Assert.AreEqual(0.07513045462522977, result.PValue, 1e-9);
        Assert.AreEqual(result.PValue, PairedTTest.Run(b, a).PValue, 1e-15);
        Assert.AreEqual(-result.T, PairedTTest.Run(b, a).T, 1e-12);
    }

    [TestMethod]
    public void PairedTTestHandlesConstantDifferences()
    {
        Assert.AreEqual(1, PairedTTest.Run([1, 2, 3], [1, 2, 3]).PValue);
        var shifted = PairedTTest.Run([2, 3, 4], [1, 2, 3]);
        Assert.AreEqual(0, shifted.PValue);
        Assert.IsTrue(double.IsPositiveInfinity(shifted.T));
        Assert.ThrowsExactly<ArgumentException>(() => PairedTTest.Run([1], [2]));
        Assert.ThrowsExactly<ArgumentException>(() => PairedTTest.Run([1, 2], [2]));
    }

    [TestMethod]
    public void WilcoxonExactMatchesCountedDistribution()
    {
        // All five differences positive: W₋ = 0, P(W ≤ 0) = 1/32, two-sided p = 2/32.
        var allPositive = WilcoxonSignedRank.Run([2, 3, 4, 5, 6], [1, 1, 1, 1, 1]);
        Assert.IsTrue(allPositive.Exact);
        Assert.AreEqual(0, allPositive.Statistic);
        Assert.AreEqual(0.0625, allPositive.PValue, 1e-15);
        // d = [1, 2, −3, 4, 5, 6]: W₋ = 3; subsets of {1..6} summing to ≤ 3: {}, {1}, {2}, {3}, {1,2} → p = 2·5/64.
        var mixed = WilcoxonSignedRank.Run([1, 2, -3, 4, 5, 6], [0, 0, 0, 0, 0, 0]);
        Assert.AreEqual(3, mixed.Statistic);
        Assert.AreEqual(18, mixed.PositiveRankSum);
        Assert.AreEqual(10.0 / 64, mixed.PValue, 1e-15);
    }

    [TestMethod]
    public void WilcoxonWithTiesUsesTheNormalApproximation()
    {
        // d = [0.5, 0.5, −1, 2, 2, 2, −3, 4, 5, 6, 7, −8] plus a zero that is dropped. Average ranks give W₊ = 56,
        // W = 22; tie term Σ(t³ − t) = 30; z = (22 − 39) / √(162.5 − 30/48) = −1.3361617; p = erfc(|z|/√2) = 0.1814964147629498.
        double[] d = [0.5, 0.5, -1, 2, 2, 2, -3, 4, 5, 6, 7, -8, 0];
        var result = WilcoxonSignedRank.Run(d, new double[d.Length]);
        Assert.IsFalse(result.Exact);
        Assert.AreEqual(12, result.NonZeroPairs);
        Assert.AreEqual(56, result.PositiveRankSum);
        Assert.AreEqual(22, result.Statistic);
        Assert.AreEqual(0.1814964147629498, result.PValue, 1e-6);
    }

    [TestMethod]
    public void ErfcMatchesKnownValues()
    {
        Assert.AreEqual(1, SpecialFunctions.Erfc(0), 2e-7);
        Assert.AreEqual(0.04550026389635842, SpecialFunctions.Erfc(2 / Math.Sqrt(2)), 1e-8);
        Assert.AreEqual(2 - 0.04550026389635842, SpecialFunctions.Erfc(-2 / Math.Sqrt(2)), 1e-8);
        // The same tail as the normal approximation's two-sided p-value: P(|Z| ≥ 2) = erfc(2/√2).
        Assert.AreEqual(0.04550026389635842, 2 * Normal.CDF(0, 1, -2), 1e-8);
    }
}
