using CzSL.Data;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Draws a <see cref="GalaxyScene"/> as an SDSS-like 8-bit RGB cutout: analytic light profiles sampled at pixel
/// centres, Gaussian PSF, sky with Poisson and read noise (optional), and an asinh colour stretch.
/// </summary>
/// <remarks>
/// Pixel (i, j) has its centre at x = i − (Size−1)/2, y = j − (Size−1)/2 (x right, y down), so mirroring an image
/// left–right maps x to −x exactly; <see cref="GalaxyScene.MirrorHorizontally"/> relies on it. An instance keeps
/// its work buffers: use one per thread.
/// </remarks>
public sealed class GalaxyRenderer
{
    private const double CoreSoftening2 = 0.25 * 0.25;
    private readonly int _size;
    private readonly ImagingOptions _imaging;
    private readonly float[] _flux;
    private readonly float[] _scratch;

    /// <summary>A renderer for <paramref name="size"/>×<paramref name="size"/> cutouts.</summary>
    public GalaxyRenderer(int size, ImagingOptions? imaging = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        _imaging = imaging ?? new ImagingOptions();
        _imaging.Validate();
        _size = size;
        _flux = new float[3 * size * size];
        _scratch = new float[size * size];
    }

    /// <summary>Image width and height, pixels.</summary>
    public int Size => _size;

    /// <summary>
    /// Renders <paramref name="scene"/> to interleaved RGB bytes (Size·Size·3, rows top to bottom). With
    /// <paramref name="noise"/> null the image is noise-free (and then exactly reproducible from the scene alone).
    /// </summary>
    public byte[] Render(GalaxyScene scene, SeededRandom? noise)
    {
        var rgb = new byte[_size * _size * 3];
        Render(scene, noise, rgb);
        return rgb;
    }

    /// <summary>Renders into <paramref name="rgb"/> (length Size·Size·3); see <see cref="Render(GalaxyScene, SeededRandom?)"/>.</summary>
    public void Render(GalaxyScene scene, SeededRandom? noise, Span<byte> rgb)
    {
        if (rgb.Length != _size * _size * 3)
            throw new ArgumentException($"The RGB buffer holds {rgb.Length} bytes; a {_size}×{_size} image needs {_size * _size * 3}.", nameof(rgb));
        RenderLight(scene);
        Stretch(noise, rgb);
    }

    /// <summary>
    /// The noise-free light after the PSF, electrons per pixel, as three planes R, G, B of Size·Size values each
    /// (a copy).
    /// </summary>
    public float[] RenderFlux(GalaxyScene scene)
    {
        RenderLight(scene);
        return (float[])_flux.Clone();
    }

    private void RenderLight(GalaxyScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        Array.Clear(_flux);
        foreach (var body in scene.Bodies) AddBody(body);
        foreach (var blob in scene.Blobs) AddBlob(blob);
        foreach (var star in scene.Stars) AddBlob(star);
        Blur(scene.PsfSigma);
    }

    private void AddBody(GalaxyBody body)
    {
        var n = _size;
        var plane = n * n;
        var centre = (n - 1) / 2.0;
        var cp = Math.Cos(body.PositionAngle);
        var sp = Math.Sin(body.PositionAngle);
        // Light fainter than this (electrons per pixel) is not computed: 0.2% of the sky noise, invisible after the stretch.
        var negligible = 0.002 * _imaging.SkySigma;
        var sph = body.Spheroid is { } s ? new SpheroidTerms(s, negligible) : default;
        var disc = body.Disc is { } d ? new DiscTerms(d, negligible) : default;
        var bar = body.Bar is { } b && body.Disc is { } bd ? new BarTerms(b, bd.CosInclination) : default;
        for (var j = 0; j < n; j++)
        {
            var dy = (j - centre) - body.Y;
            for (var i = 0; i < n; i++)
            {
                var dx = (i - centre) - body.X;
                var u = dx * cp + dy * sp;
                var v = -dx * sp + dy * cp;
                double r = 0, g = 0, bl = 0;
                if (sph.Active) sph.Add(u, v, ref r, ref g, ref bl);
                if (disc.Active) disc.Add(u, v, ref r, ref g, ref bl);
                if (bar.Active) bar.Add(u, v / disc.CosInclination, ref r, ref g, ref bl);
                if (disc.DustLane > 0) disc.Extinguish(u, v, ref r, ref g, ref bl);
                var k = j * n + i;
                _flux[k] += (float)r;
                _flux[plane + k] += (float)g;
                _flux[2 * plane + k] += (float)bl;
            }
        }
    }

    private void AddBlob(LightBlob blob)
    {
        var n = _size;
        var plane = n * n;
        var centre = (n - 1) / 2.0;
        var sigma = Math.Max(blob.Sigma, 0.2);
        var reach = (int)Math.Ceiling(4 * sigma + 1);
        var cx = blob.X + centre;
        var cy = blob.Y + centre;
        int i0 = (int)Math.Floor(cx) - reach, i1 = (int)Math.Ceiling(cx) + reach;
        int j0 = (int)Math.Floor(cy) - reach, j1 = (int)Math.Ceiling(cy) + reach;
        var inv2s2 = 1 / (2 * sigma * sigma);
        // Normalise over the whole box (also outside the image) so that a sharp blob keeps its flux.
        double total = 0;
        for (var j = j0; j <= j1; j++)
            for (var i = i0; i <= i1; i++)
                total += Weight(i, j);
        if (!(total > 0)) return;
        var scale = blob.Flux / total;
        for (var j = Math.Max(j0, 0); j <= Math.Min(j1, n - 1); j++)
        {
            for (var i = Math.Max(i0, 0); i <= Math.Min(i1, n - 1); i++)
            {
                var w = Weight(i, j) * scale;
                var k = j * n + i;
                _flux[k] += (float)(w * blob.Colour.R);
                _flux[plane + k] += (float)(w * blob.Colour.G);
                _flux[2 * plane + k] += (float)(w * blob.Colour.B);
            }
        }

        double Weight(int i, int j)
        {
            var dx = (i - centre) - blob.X;
            var dy = (j - centre) - blob.Y;
            return Math.Exp(-(dx * dx + dy * dy) * inv2s2);
        }
    }

    private void Blur(double sigma)
    {
        if (!(sigma > 0)) return;
        var radius = (int)Math.Ceiling(3.5 * sigma);
        Span<float> kernel = stackalloc float[2 * radius + 1];
        double sum = 0;
        for (var k = -radius; k <= radius; k++) sum += Math.Exp(-0.5 * k * k / (sigma * sigma));
        for (var k = -radius; k <= radius; k++) kernel[k + radius] = (float)(Math.Exp(-0.5 * k * k / (sigma * sigma)) / sum);
        var n = _size;
        for (var band = 0; band < 3; band++)
        {
            var img = _flux.AsSpan(band * n * n, n * n);
            for (var j = 0; j < n; j++)
            {
                var row = img.Slice(j * n, n);
                for (var i = 0; i < n; i++)
                {
                    float acc = 0;
                    int k0 = Math.Max(-radius, -i), k1 = Math.Min(radius, n - 1 - i);
                    for (var k = k0; k <= k1; k++) acc += kernel[k + radius] * row[i + k];
                    _scratch[j * n + i] = acc;
                }
            }
            for (var j = 0; j < n; j++)
            {
                int k0 = Math.Max(-radius, -j), k1 = Math.Min(radius, n - 1 - j);
                for (var i = 0; i < n; i++)
                {
                    float acc = 0;
                    for (var k = k0; k <= k1; k++) acc += kernel[k + radius] * _scratch[(j + k) * n + i];
                    img[j * n + i] = acc;
                }
            }
        }
    }

    private void Stretch(SeededRandom? noise, Span<byte> rgb)
    {
        var plane = _size * _size;
        var sky = _imaging.SkyLevel;
        var read2 = _imaging.ReadNoise * _imaging.ReadNoise;
        var invSigma = 1 / _imaging.SkySigma;
        var beta = _imaging.AsinhSoftening;
        var norm = 1 / Math.Asinh(beta * _imaging.WhitePoint);
        Span<double> x = stackalloc double[3];
        for (var k = 0; k < plane; k++)
        {
            for (var c = 0; c < 3; c++)
            {
                double e = _flux[c * plane + k];
                if (noise is not null) e += Math.Sqrt(Math.Max(e, 0) + sky + read2) * noise.NextNormal();
                x[c] = e * invSigma;
            }
            var intensity = (x[0] + x[1] + x[2]) / 3;
            var o = 3 * k;
            if (intensity <= 0)
            {
                rgb[o] = rgb[o + 1] = rgb[o + 2] = 0;
                continue;
            }
            var f = Math.Asinh(beta * intensity) * norm / intensity;
            double r = Math.Max(x[0] * f, 0), g = Math.Max(x[1] * f, 0), b = Math.Max(x[2] * f, 0);
            var max = Math.Max(r, Math.Max(g, b));
            if (max > 1) { r /= max; g /= max; b /= max; }
            rgb[o] = (byte)(r * 255 + 0.5);
            rgb[o + 1] = (byte)(g * 255 + 0.5);
            rgb[o + 2] = (byte)(b * 255 + 0.5);
        }
    }

    /// <summary>Per-pixel evaluation of a Sérsic spheroid.</summary>
    private readonly struct SpheroidTerms
    {
        public readonly bool Active;
        private readonly double _ie, _bn, _invN, _invRe, _invQ, _cut2;
        private readonly BandColour _c;

        public SpheroidTerms(SersicSpheroid s, double negligible)
        {
            Active = s.Flux > 0;
            _ie = SersicProfile.SurfaceBrightnessAtRe(s.Flux, s.EffectiveRadius, s.SersicIndex, s.AxisRatio);
            _bn = SersicProfile.B(s.SersicIndex);
            _invN = 1 / s.SersicIndex;
            _invRe = 1 / s.EffectiveRadius;
            _invQ = 1 / s.AxisRatio;
            _c = s.Colour;
            // Radius (in units of Rₑ) beyond which the profile is below the negligible level.
            var cut = _ie > negligible ? Math.Pow(1 + Math.Log(_ie / negligible) / _bn, s.SersicIndex) : 0;
            _cut2 = cut * cut;
        }

        public void Add(double u, double v, ref double r, ref double g, ref double b)
        {
            var vq = v * _invQ;
            var rr2 = (u * u + vq * vq + CoreSoftening2) * _invRe * _invRe;
            if (rr2 > _cut2) return;
            var rr = Math.Sqrt(rr2);
            var val = _ie * Math.Exp(-_bn * (Math.Exp(Math.Log(rr) * _invN) - 1));
            r += val * _c.R;
            g += val * _c.G;
            b += val * _c.B;
        }
    }

    /// <summary>Per-pixel evaluation of an exponential disc with optional arms and dust lane.</summary>
    private readonly struct DiscTerms
    {
        public readonly bool Active;
        public readonly double CosInclination;
        public readonly double DustLane;
        private readonly double _i0, _invH, _invQ, _invDustWidth2, _cut2;
        private readonly BandColour _c;
        private readonly bool _arms;
        private readonly int _m, _sharpness;
        private readonly double _phase, _windingPerLog, _amp, _invR0, _invMean;
        private readonly BandColour _armC;

        public DiscTerms(ExponentialDisc d, double negligible)
        {
            Active = d.Flux > 0;
            CosInclination = Math.Max(d.CosInclination, 1e-3);
            var q = d.ApparentAxisRatio;
            _i0 = d.Flux / (2 * Math.PI * d.ScaleLength * d.ScaleLength * q);
            _invH = 1 / d.ScaleLength;
            _invQ = 1 / q;
            // Arms at most double the smooth disc (amplitude × peak/mean ≤ 1/mean), so cut where even that is negligible.
            var peak = d.Arms is { } arms0 ? 1 + arms0.Amplitude / MeanOfPower(Math.Max(1, (int)Math.Round(arms0.Sharpness))) : 1;
            var cut = _i0 * peak > negligible ? d.ScaleLength * Math.Log(_i0 * peak / negligible) : 0;
            _cut2 = cut * cut;
            _c = d.Colour;
            DustLane = d.DustLane;
            var dustWidth = Math.Max(0.35 * d.ScaleLength * q, 0.5);
            _invDustWidth2 = 1 / (dustWidth * dustWidth);
            if (d.Arms is { } a)
            {
                _arms = true;
                _m = a.Count;
                _sharpness = Math.Max(1, (int)Math.Round(a.Sharpness));
                _phase = a.Phase;
                // Clockwise (Z-wise) arms: the screen polar angle atan2(y, x) (y down) falls outward.
                var sign = a.Winding switch
                {
                    Winding.Clockwise => -1.0,
                    Winding.Anticlockwise => 1.0,
                    _ => throw new ArgumentException("Spiral arms need a winding (clockwise or anticlockwise)."),
                };
                _windingPerLog = sign / Math.Tan(a.PitchDegrees * Math.PI / 180);
                _amp = a.Amplitude;
                _invR0 = 1 / a.InnerRadius;
                _invMean = 1 / MeanOfPower(_sharpness);
                _armC = a.Colour;
            }
        }

        public void Add(double u, double v, ref double r, ref double g, ref double b)
        {
            var vq = v * _invQ;
            var rd2 = u * u + vq * vq;
            if (rd2 > _cut2) return;
            var baseLight = _i0 * Math.Exp(-Math.Sqrt(rd2) * _invH);
            if (!_arms)
            {
                r += baseLight * _c.R;
                g += baseLight * _c.G;
                b += baseLight * _c.B;
                return;
            }
            var w = v / CosInclination;
            var rp = Math.Sqrt(u * u + w * w) + 1e-9;
            var phi = Math.Atan2(w, u);
            var x = rp * _invR0;
            var psi = _m * (phi - _phase - _windingPerLog * Math.Log(x));
            var c = 0.5 * (1 + Math.Cos(psi));
            var p = c;
            for (var k = 1; k < _sharpness; k++) p *= c;
            var amp = _amp * (1 - Math.Exp(-x * x));
            var smooth = baseLight * (1 - amp);
            var arm = baseLight * amp * p * _invMean;
            r += smooth * _c.R + arm * _armC.R;
            g += smooth * _c.G + arm * _armC.G;
            b += smooth * _c.B + arm * _armC.B;
        }

        public void Extinguish(double u, double v, ref double r, ref double g, ref double b)
        {
            var ext = DustLane * Math.Exp(-0.5 * v * v * _invDustWidth2 - Math.Abs(u) * _invH / 3);
            r *= 1 - 0.6 * ext;
            g *= 1 - 0.8 * ext;
            b *= 1 - ext;
        }

        /// <summary>Mean over a period of ((1 + cos ψ)/2)^k = C(2k, k) / 4^k.</summary>
        private static double MeanOfPower(int k)
        {
            double mean = 1;
            for (var i = 1; i <= k; i++) mean *= (2.0 * i - 1) / (2.0 * i);
            return mean;
        }
    }

    /// <summary>Per-pixel evaluation of a bar (Gaussian in the disc plane).</summary>
    private readonly struct BarTerms
    {
        public readonly bool Active;
        private readonly double _ib, _ca, _sa, _invL2, _invW2;
        private readonly BandColour _c;

        public BarTerms(Bar bar, double cosInclination)
        {
            Active = bar.Flux > 0;
            _ib = bar.Flux / (2 * Math.PI * bar.Length * bar.Width * Math.Max(cosInclination, 1e-3));
            _ca = Math.Cos(bar.Angle);
            _sa = Math.Sin(bar.Angle);
            _invL2 = 1 / (bar.Length * bar.Length);
            _invW2 = 1 / (bar.Width * bar.Width);
            _c = bar.Colour;
        }

        /// <summary>Adds the bar at disc-plane coordinates (<paramref name="a"/>, <paramref name="w"/>).</summary>
        public void Add(double a, double w, ref double r, ref double g, ref double b)
        {
            var along = a * _ca + w * _sa;
            var across = -a * _sa + w * _ca;
            var val = _ib * Math.Exp(-0.5 * (along * along * _invL2 + across * across * _invW2));
            r += val * _c.R;
            g += val * _c.G;
            b += val * _c.B;
        }
    }
}
