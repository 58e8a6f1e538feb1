namespace CzSL.Pipeline.Baselines.Features;

/// <summary>
/// Computes <see cref="MorphologyFeatures"/> (colours, concentration, asymmetry, smoothness, Gini, M20, axis ratio,
/// spiral winding) from an 8-bit RGB cutout centred on a galaxy. Framework-free and deterministic.
/// </summary>
/// <remarks>
/// Steps: the sky of each channel (median of a border frame 1/16 of the side wide) is subtracted; the centre is the
/// light-weighted centroid of positive pixels, iterated within a quarter of the image; the growth curve of the light
/// in circular apertures up to the nearest image edge gives r20, r50, r80 (each pixel at its mean radius, linear
/// interpolation). The galaxy aperture is 1.5 × r80. Asymmetry and smoothness subtract the expectation of pure
/// Gaussian sky noise, so a noiseless symmetric or smooth galaxy scores 0 and noise alone scores ≈ 0.
/// An image with no positive light returns all zeros with axis ratio 1.
/// </remarks>
public static class CasFeatureExtractor
{
    /// <summary>Half-width, in pixels, of the square of centres searched for the minimum asymmetry.</summary>
    public const double AsymmetrySearchRadius = 2;

    /// <summary>Largest pitch wavenumber |p| of the log-spiral modes (steps of 0.5).</summary>
    public const int SpiralWavenumberSteps = 20;

    /// <summary>Features of an interleaved H×W×3 RGB buffer (row-major, row 0 at the top).</summary>
    /// <exception cref="ArgumentException">Sizes below 8×8 or a buffer whose length is not width × height × 3.</exception>
    public static MorphologyFeatures Compute(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width < 8 || height < 8)
            throw new ArgumentException($"Image is {width}×{height}; morphology needs at least 8×8 pixels.", nameof(width));
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"RGB buffer has {rgb.Length} bytes; a {width}×{height}×3 image needs {width * height * 3}.", nameof(rgb));

        var image = BackgroundSubtractedImage.FromRgb(rgb, width, height);
        var (cx, cy) = Centre(image);
        var edge = Math.Max(1, Math.Min(Math.Min(cx + 0.5, width - 0.5 - cx), Math.Min(cy + 0.5, height - 0.5 - cy)));
        var growth = GrowthCurve.Measure(image.Light, width, height, cx, cy, edge);
        if (growth is null) return new MorphologyFeatures { AxisRatio = 1 };

        var r20 = growth.RadiusAt(0.2);
        var r50 = growth.RadiusAt(0.5);
        var r80 = growth.RadiusAt(0.8);
        var aperture = Math.Min(1.5 * r80, edge);
        var segment = Segment(image, cx, cy, aperture);
        var (gr, grInner, grOuter, ri) = Colours(image, cx, cy, aperture, r50);
        var (winding, strength) = SpiralModes.Measure(image.Light, width, height, cx, cy, Math.Max(2, r20), aperture);
        return new MorphologyFeatures
        {
            GMinusR = gr,
            RMinusI = ri,
            GMinusRInner = grInner,
            GMinusROuter = grOuter,
            Concentration = 5 * Math.Log10(r80 / r20),
            Asymmetry = Asymmetry(image, cx, cy, Math.Min(aperture, edge - AsymmetrySearchRadius)),
            Smoothness = Smoothness(image, cx, cy, aperture, r80),
            Gini = Gini(segment),
            M20 = M20(segment),
            AxisRatio = AxisRatio(segment),
            R50Relative = r50 / Math.Min(width, height),
            SpiralWinding = winding,
            SpiralStrength = strength,
        };
    }

    /// <summary>Light-weighted centroid of positive pixels, iterated within a quarter of the smaller side.</summary>
    private static (double X, double Y) Centre(BackgroundSubtractedImage image)
    {
        double cx = (image.Width - 1) / 2.0, cy = (image.Height - 1) / 2.0;
        var radius = Math.Min(image.Width, image.Height) / 4.0;
        for (var iteration = 0; iteration < 10; iteration++)
        {
            double sum = 0, sx = 0, sy = 0;
            for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var f = image.Light[y * image.Width + x];
                if (f <= 0 || Sq(x - cx) + Sq(y - cy) > radius * radius) continue;
                sum += f;
                sx += f * x;
                sy += f * y;
            }
            if (sum <= 0) break;
            var (nx, ny) = (sx / sum, sy / sum);
            var moved = Math.Abs(nx - cx) + Math.Abs(ny - cy);
            (cx, cy) = (nx, ny);
            if (moved < 1e-4) break;
        }
        return (cx, cy);
    }

    /// <summary>
    /// A = min over centres on a half-pixel grid of Σ|I − I₁₈₀| / Σ|I| within the aperture, minus the value expected
    /// from sky noise (each pixel pair of independent N(0, σ²) differs by 2σ/√π on average).
    /// </summary>
    private static double Asymmetry(BackgroundSubtractedImage image, double cx, double cy, double radius)
    {
        if (radius < 1) return 0;
        var w = image.Width;
        var f = image.Light;
        var best = double.PositiveInfinity;
        var bestNoise = 0.0;
        var steps = (int)(2 * AsymmetrySearchRadius);
        var x2Centre = (int)Math.Round(2 * cx);
        var y2Centre = (int)Math.Round(2 * cy);
        for (var y2 = y2Centre - steps; y2 <= y2Centre + steps; y2++)
        for (var x2 = x2Centre - steps; x2 <= x2Centre + steps; x2++)
        {
            double ox = x2 / 2.0, oy = y2 / 2.0, residual = 0, total = 0;
            var pixels = 0;
            for (var y = (int)Math.Ceiling(oy - radius); y <= (int)Math.Floor(oy + radius); y++)
            for (var x = (int)Math.Ceiling(ox - radius); x <= (int)Math.Floor(ox + radius); x++)
            {
                int px = x2 - x, py = y2 - y;
                if (Sq(x - ox) + Sq(y - oy) > radius * radius || x < 0 || y < 0 || x >= w || y >= image.Height
                    || px < 0 || py < 0 || px >= w || py >= image.Height) continue;
                var value = f[y * w + x];
                residual += Math.Abs(value - f[py * w + px]);
                total += Math.Abs(value);
                pixels++;
            }
            if (total <= 0) continue;
            var a = residual / total;
            if (a < best)
            {
                best = a;
                bestNoise = pixels * 2 * image.Noise / Math.Sqrt(Math.PI) / total;
            }
        }
        return double.IsPositiveInfinity(best) ? 0 : best - bestNoise;
    }

    /// <summary>
    /// S = 10 × (Σ max(I − I_box, 0) − noise term) / Σ I over the aperture outside its central quarter; the boxcar is
    /// 2·round(r80 / 4) + 1 pixels wide (at least 3). Pure N(0, σ²) noise leaves σ·√(1 − 1/k²)/√(2π) per pixel.
    /// </summary>
    private static double Smoothness(BackgroundSubtractedImage image, double cx, double cy, double aperture, double r80)
    {
        var k = Math.Max(3, 2 * (int)Math.Round(r80 / 4) + 1);
        var smooth = BoxFilter.Mean(image.Light, image.Width, image.Height, k);
        var inner = 0.25 * aperture;
        double residual = 0, total = 0;
        var pixels = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var r2 = Sq(x - cx) + Sq(y - cy);
            if (r2 > aperture * aperture || r2 < inner * inner) continue;
            var i = y * image.Width + x;
            residual += Math.Max(image.Light[i] - smooth[i], 0);
            total += image.Light[i];
            pixels++;
        }
        if (total <= 0) return 0;
        var noise = pixels * image.Noise * Math.Sqrt(1 - 1.0 / (k * k)) / Math.Sqrt(2 * Math.PI);
        return 10 * (residual - noise) / total;
    }

    /// <summary>Pixels of the galaxy: inside the aperture and brighter than twice the sky noise.</summary>
    private static List<(double X, double Y, double Flux)> Segment(BackgroundSubtractedImage image, double cx, double cy, double aperture)
    {
        var threshold = 2 * image.Noise;
        var pixels = new List<(double, double, double)>();
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var f = image.Light[y * image.Width + x];
            if (f > threshold && f > 0 && Sq(x - cx) + Sq(y - cy) <= aperture * aperture) pixels.Add((x, y, f));
        }
        return pixels;
    }

    /// <summary>Gini = Σ (2i − n − 1) Xᵢ / (X̄ n (n − 1)) over the ascending pixel fluxes (Lotz et al. 2004).</summary>
    private static double Gini(List<(double X, double Y, double Flux)> segment)
    {
        var n = segment.Count;
        if (n < 2) return 0;
        var values = segment.Select(p => p.Flux).Order().ToArray();
        double weighted = 0, sum = 0;
        for (var i = 0; i < n; i++)
        {
            weighted += (2.0 * (i + 1) - n - 1) * values[i];
            sum += values[i];
        }
        return weighted / (sum / n * n * (n - 1));
    }

    /// <summary>
    /// M20 = log10(Σ Mᵢ over the brightest pixels holding 20% of the light / Σ Mᵢ), Mᵢ = fᵢ (rᵢ² + 1/6) about the
    /// centroid of the segment (1/6 is a unit pixel's own second moment, which keeps a one-pixel core finite).
    /// </summary>
    private static double M20(List<(double X, double Y, double Flux)> segment)
    {
        if (segment.Count < 2) return 0;
        var (mx, my, total) = Centroid(segment);
        var moments = segment.Select(p => (p.Flux, Moment: p.Flux * (Sq(p.X - mx) + Sq(p.Y - my) + 1.0 / 6))).ToArray();
        var totalMoment = moments.Sum(m => m.Moment);
        double flux = 0, brightMoment = 0;
        foreach (var (f, moment) in moments.OrderByDescending(m => m.Flux))
        {
            if (flux >= 0.2 * total) break;
            flux += f;
            brightMoment += moment;
        }
        return Math.Log10(brightMoment / totalMoment);
    }

    /// <summary>√(λ_min / λ_max) of the flux-weighted second-moment matrix of the segment (each pixel adds 1/12 per axis).</summary>
    private static double AxisRatio(List<(double X, double Y, double Flux)> segment)
    {
        if (segment.Count < 2) return 1;
        var (mx, my, total) = Centroid(segment);
        double xx = 0, yy = 0, xy = 0;
        foreach (var (x, y, f) in segment)
        {
            xx += f * Sq(x - mx);
            yy += f * Sq(y - my);
            xy += f * (x - mx) * (y - my);
        }
        xx = xx / total + 1.0 / 12;
        yy = yy / total + 1.0 / 12;
        xy /= total;
        var mean = (xx + yy) / 2;
        var spread = Math.Sqrt(Sq((xx - yy) / 2) + xy * xy);
        return Math.Sqrt((mean - spread) / (mean + spread));
    }

    private static (double X, double Y, double Total) Centroid(List<(double X, double Y, double Flux)> segment)
    {
        double sx = 0, sy = 0, total = 0;
        foreach (var (x, y, f) in segment)
        {
            sx += f * x;
            sy += f * y;
            total += f;
        }
        return (sx / total, sy / total, total);
    }

    /// <summary>g − r over the aperture, inside r50, outside r50, and r − i over the aperture (0 where a flux is not positive).</summary>
    private static (double Gr, double GrInner, double GrOuter, double Ri) Colours(
        BackgroundSubtractedImage image, double cx, double cy, double aperture, double r50)
    {
        double innerR = 0, innerG = 0, innerB = 0, outerR = 0, outerG = 0, outerB = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var r2 = Sq(x - cx) + Sq(y - cy);
            if (r2 > aperture * aperture) continue;
            var i = y * image.Width + x;
            if (r2 <= r50 * r50) { innerR += image.Red[i]; innerG += image.Green[i]; innerB += image.Blue[i]; }
            else { outerR += image.Red[i]; outerG += image.Green[i]; outerB += image.Blue[i]; }
        }
        return (Colour(innerB + outerB, innerG + outerG), Colour(innerB, innerG), Colour(outerB, outerG),
            Colour(innerG + outerG, innerR + outerR));
    }

    /// <summary>−2.5 log10(bluer / redder), or 0 when either flux is not positive.</summary>
    private static double Colour(double bluer, double redder) =>
        bluer > 0 && redder > 0 ? -2.5 * Math.Log10(bluer / redder) : 0;

    private static double Sq(double v) => v * v;
}
