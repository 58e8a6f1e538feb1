namespace CzSL.Pipeline.Baselines.Features;

/// <summary>
/// Cumulative light in circular apertures about a centre: pixels sorted by their mean radius √(r² + 1/6), the curve
/// starting at (0, 0) and interpolated linearly, normalised by the light inside the outermost radius.
/// </summary>
internal sealed class GrowthCurve
{
    /// <summary>Radii closer than this (pixels) count as equal: centroids of mirror images differ by rounding only.</summary>
    private const double SameRadius = 1e-9;

    private readonly double[] _radii;
    private readonly double[] _cumulative;

    private GrowthCurve(double[] radii, double[] cumulative)
    {
        _radii = radii;
        _cumulative = cumulative;
    }

    /// <summary>The curve of <paramref name="light"/> out to <paramref name="maxRadius"/>, or null when that light is not positive.</summary>
    public static GrowthCurve? Measure(float[] light, int width, int height, double cx, double cy, double maxRadius)
    {
        var pixels = new List<(double Radius, double Flux)>();
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            if (r2 <= maxRadius * maxRadius) pixels.Add((Math.Sqrt(r2 + 1.0 / 6), light[y * width + x]));
        }
        pixels.Sort((a, b) => a.Radius.CompareTo(b.Radius));
        // Pixels at the same radius form one step, so the curve does not depend on their order (mirror images agree).
        var radii = new List<double> { 0 };
        var cumulative = new List<double> { 0 };
        for (var i = 0; i < pixels.Count; i++)
        {
            var flux = cumulative[^1] + pixels[i].Flux;
            if (radii.Count > 1 && pixels[i].Radius - radii[^1] < SameRadius) cumulative[^1] = flux;
            else { radii.Add(pixels[i].Radius); cumulative.Add(flux); }
        }
        var total = cumulative[^1];
        if (!(total > 0)) return null;
        return new GrowthCurve(radii.ToArray(), cumulative.Select(c => c / total).ToArray());
    }

    /// <summary>The smallest radius at which the curve first reaches <paramref name="fraction"/> of the light.</summary>
    public double RadiusAt(double fraction)
    {
        for (var i = 1; i < _cumulative.Length; i++)
        {
            if (_cumulative[i] < fraction) continue;
            var step = _cumulative[i] - _cumulative[i - 1];
            var t = step > 0 ? (fraction - _cumulative[i - 1]) / step : 1;
            return _radii[i - 1] + t * (_radii[i] - _radii[i - 1]);
        }
        return _radii[^1];
    }
}
