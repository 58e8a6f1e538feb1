namespace CzSL.DataPrep.Simulation;

/// <summary>Constants of the Sérsic profile I(r) = Iₑ exp(−bₙ((r/Rₑ)^(1/n) − 1)).</summary>
internal static class SersicProfile
{
    /// <summary>bₙ, which makes Rₑ the half-light radius (Ciotti &amp; Bertin 1999 expansion; good for n ≥ 0.36).</summary>
    public static double B(double n) => 2 * n - 1.0 / 3 + 4 / (405 * n) + 46 / (25515 * n * n);

    /// <summary>Iₑ of a profile with total flux <paramref name="flux"/>: F = 2π n q Rₑ² Iₑ e^bₙ bₙ^(−2n) Γ(2n).</summary>
    public static double SurfaceBrightnessAtRe(double flux, double re, double n, double axisRatio)
    {
        var b = B(n);
        var logTotalPerIe = Math.Log(2 * Math.PI * n * axisRatio * re * re) + b - 2 * n * Math.Log(b) + LogGamma(2 * n);
        return flux * Math.Exp(-logTotalPerIe);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error &lt; 1e-13).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
