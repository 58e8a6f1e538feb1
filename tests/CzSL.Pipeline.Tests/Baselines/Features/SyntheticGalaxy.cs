namespace CzSL.Pipeline.Tests.Baselines.Features;

/// <summary>Renders synthetic galaxy cutouts (interleaved RGB bytes) from analytic profiles, on a sky level of 10.</summary>
internal static class SyntheticGalaxy
{
    public const int Sky = 10;

    /// <summary>Evaluates <paramref name="light"/>(dx, dy) at each pixel centre (dy upwards, centre (cx, cy)), times per-channel gains.</summary>
    public static byte[] Render(int size, Func<double, double, double> light, double cx, double cy,
        (double R, double G, double B)? gains = null, double noise = 0, int seed = 1)
    {
        var (gr, gg, gb) = gains ?? (1, 1, 1);
        var random = new Random(seed);
        var rgb = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var f = light(x - cx, cy - y);
            var i = 3 * (y * size + x);
            rgb[i] = Clamp(Sky + gr * f + noise * Gaussian(random));
            rgb[i + 1] = Clamp(Sky + gg * f + noise * Gaussian(random));
            rgb[i + 2] = Clamp(Sky + gb * f + noise * Gaussian(random));
        }
        return rgb;
    }

    /// <summary>Sérsic-like profile peak·exp(−(r/scale)^(1/n)).</summary>
    public static Func<double, double, double> Sersic(double peak, double scale, double n) =>
        (dx, dy) => peak * Math.Exp(-Math.Pow(Math.Sqrt(dx * dx + dy * dy) / scale, 1 / n));

    /// <summary>Elliptical Gaussian with standard deviations sx (horizontal) and sy (vertical).</summary>
    public static Func<double, double, double> Gaussian2D(double peak, double sx, double sy) =>
        (dx, dy) => peak * Math.Exp(-0.5 * (dx * dx / (sx * sx) + dy * dy / (sy * sy)));

    /// <summary>
    /// Exponential disc with a two-armed logarithmic spiral of pitch wavenumber p: crests where 2θ + p ln r is
    /// constant (θ anticlockwise as displayed), so p &gt; 0 winds clockwise going outwards.
    /// </summary>
    public static Func<double, double, double> Spiral(double peak, double scale, double p) =>
        (dx, dy) =>
        {
            var r = Math.Sqrt(dx * dx + dy * dy);
            var theta = Math.Atan2(dy, dx);
            var arms = r < 1 ? 1 : 1 + 0.9 * Math.Cos(2 * theta + p * Math.Log(r));
            return peak * Math.Exp(-r / scale) * arms;
        };

    /// <summary>The image mirrored left–right.</summary>
    public static byte[] Mirror(byte[] rgb, int size)
    {
        var mirrored = new byte[rgb.Length];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var c = 0; c < 3; c++)
            mirrored[3 * (y * size + (size - 1 - x)) + c] = rgb[3 * (y * size + x) + c];
        return mirrored;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
