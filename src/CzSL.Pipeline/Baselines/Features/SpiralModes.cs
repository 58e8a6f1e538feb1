namespace CzSL.Pipeline.Baselines.Features;

/// <summary>
/// Logarithmic-spiral Fourier analysis of an annulus: A(m, p) = Σ f e^{−i(mθ + p ln r)} / Σ f for m = 1..3 and
/// p = ±0.5 … ±10, with θ measured anticlockwise as displayed. A pattern whose crests follow mθ + p ln r = const turns
/// clockwise outwards when p &gt; 0, so the power at p &gt; 0 against p &lt; 0 gives the winding sense; mirroring the
/// image maps A(m, p) to A(m, −p) in modulus.
/// </summary>
internal static class SpiralModes
{
    private const int MaxMode = 3;

    /// <summary>
    /// Winding (P₊ − P₋) / √(P₊ + P₋) and strength √(P₊ + P₋), where P± sums |A(m, p)|² over the modes with p of
    /// that sign; both 0 when the annulus holds no positive light.
    /// </summary>
    public static (double Winding, double Strength) Measure(float[] light, int width, int height, double cx, double cy, double innerRadius, double outerRadius)
    {
        var steps = CasFeatureExtractor.SpiralWavenumberSteps;
        var positive = new (double Re, double Im)[MaxMode, steps];
        var negative = new (double Re, double Im)[MaxMode, steps];
        double total = 0;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            double dx = x - cx, dy = cy - y;
            var r2 = dx * dx + dy * dy;
            if (r2 < innerRadius * innerRadius || r2 > outerRadius * outerRadius) continue;
            double f = light[y * width + x], r = Math.Sqrt(r2);
            total += f;
            // w = e^{−iθ}, z = e^{−i·0.5·ln r}; mode (m, ±p_k) weight is w^m · z^{±k}.
            double wRe = dx / r, wIm = -dy / r;
            var half = 0.5 * Math.Log(r);
            double zRe = Math.Cos(half), zIm = -Math.Sin(half);
            double wmRe = f, wmIm = 0;
            for (var m = 0; m < MaxMode; m++)
            {
                (wmRe, wmIm) = (wmRe * wRe - wmIm * wIm, wmRe * wIm + wmIm * wRe);
                double pRe = wmRe, pIm = wmIm, nRe = wmRe, nIm = wmIm;
                for (var k = 0; k < steps; k++)
                {
                    (pRe, pIm) = (pRe * zRe - pIm * zIm, pRe * zIm + pIm * zRe);
                    (nRe, nIm) = (nRe * zRe + nIm * zIm, nIm * zRe - nRe * zIm);
                    positive[m, k].Re += pRe;
                    positive[m, k].Im += pIm;
                    negative[m, k].Re += nRe;
                    negative[m, k].Im += nIm;
                }
            }
        }
        if (!(total > 0)) return (0, 0);
        double powerPositive = 0, powerNegative = 0;
        for (var m = 0; m < MaxMode; m++)
        for (var k = 0; k < steps; k++)
        {
            powerPositive += (positive[m, k].Re * positive[m, k].Re + positive[m, k].Im * positive[m, k].Im) / (total * total);
            powerNegative += (negative[m, k].Re * negative[m, k].Re + negative[m, k].Im * negative[m, k].Im) / (total * total);
        }
        var power = powerPositive + powerNegative;
        return power > 0 ? ((powerPositive - powerNegative) / Math.Sqrt(power), Math.Sqrt(power)) : (0, 0);
    }
}
