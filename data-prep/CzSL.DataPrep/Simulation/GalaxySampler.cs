using CzSL.Data;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Draws galaxies: type, distance, size, brightness, orientation, components, foreground stars and field objects.
/// Each galaxy uses its own random stream derived from (seed, index), so any subset can be drawn in any order.
/// </summary>
/// <remarks>
/// Scales are those of a 64-pixel cutout and multiplied by Size/64. Distance d ~ U(0, 1) shrinks the half-light
/// radius (≈ 8 px near, ≈ 3.4 px far) and the surface brightness (≈ 26σ near, ≈ 6σ far), so distant galaxies are
/// small, faint and blurred — the regime where Galaxy Zoo volunteers call spirals elliptical.
/// </remarks>
public sealed class GalaxySampler
{
    private static readonly BandColour OldStars = BandColour.Of(1.30, 1.0, 0.70);
    private static readonly BandColour YoungStars = BandColour.Of(0.78, 0.98, 1.24);
    private readonly SimulationOptions _options;
    private readonly double _scale;
    private readonly double _skySigma;
    private readonly (GalaxyType Type, double Cumulative)[] _mix;

    /// <summary>A sampler for <paramref name="options"/> (validated).</summary>
    public GalaxySampler(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _scale = options.Size / 64.0;
        _skySigma = options.Imaging.SkySigma;
        var weights = options.Mix.Weights();
        var total = weights.Sum(w => w.Weight);
        double acc = 0;
        _mix = weights.Select(w => (w.Type, acc += w.Weight / total)).ToArray();
    }

    /// <summary>Draws galaxy <paramref name="index"/> (its type drawn from the mix).</summary>
    public SimulatedGalaxy Sample(int index)
    {
        var rng = SimulationStreams.Galaxy(_options.Seed, index);
        var type = rng.NextDouble() < _options.MergerFraction ? GalaxyType.Merger : DrawType(rng.NextDouble());
        return Sample(index, type, rng);
    }

    /// <summary>Draws galaxy <paramref name="index"/> with a given <paramref name="type"/> (for tests and examples).</summary>
    public SimulatedGalaxy Sample(int index, GalaxyType type) => Sample(index, type, SimulationStreams.Galaxy(_options.Seed, index));

    private GalaxyType DrawType(double u)
    {
        foreach (var (type, cumulative) in _mix)
            if (u < cumulative) return type;
        return _mix[^1].Type;
    }

    private SimulatedGalaxy Sample(int index, GalaxyType type, SeededRandom rng)
    {
        var k = _scale;
        var d = rng.NextDouble();
        var psf = k * Uniform(rng, 0.9, 1.4);
        var (sizeFactor, sbFactor) = TypeScaling(type);
        var re = k * Math.Clamp(8.0 * Math.Exp(-0.85 * d) * sizeFactor * Math.Exp(0.2 * rng.NextNormal()), 1.6, 15);
        var sb = sbFactor * 26 * Math.Exp(-1.5 * d) * Math.Exp(0.3 * rng.NextNormal());
        var reddening = (1 + 0.12 * d, 1.0, 1 - 0.12 * d);
        var x = k * 0.7 * rng.NextNormal();
        var y = k * 0.7 * rng.NextNormal();
        var pa = rng.NextDouble() * Math.PI;
        var ctx = new Context(rng, re, sb * _skySigma, x, y, pa, reddening);
        var (bodies, blobs, winding, cues) = type switch
        {
            GalaxyType.Elliptical => Elliptical(ctx),
            GalaxyType.Lenticular => Lenticular(ctx),
            GalaxyType.Sa or GalaxyType.Sb or GalaxyType.Sc or GalaxyType.Sd => Spiral(ctx, type),
            GalaxyType.EdgeOn => EdgeOn(ctx),
            GalaxyType.Merger => Merger(ctx),
            GalaxyType.Irregular => Irregular(ctx),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown galaxy type."),
        };
        var galaxyFlux = bodies.Sum(b => (b.Spheroid?.Flux ?? 0) + (b.Disc?.Flux ?? 0) + (b.Bar?.Flux ?? 0)) + blobs.Sum(b => b.Flux);
        var (stars, starConfusion) = Stars(rng, galaxyFlux, re, x, y);
        cues = cues with
        {
            Distance = d,
            HalfLightRadius = re / k,
            Resolution = re / psf,
            SurfaceBrightness = sb,
            StarConfusion = starConfusion,
        };
        return new SimulatedGalaxy(index, type, winding, new GalaxyScene(bodies, blobs, stars, psf), cues);
    }

    private static (double Size, double Brightness) TypeScaling(GalaxyType type) => type switch
    {
        GalaxyType.Elliptical => (0.8, 1.5),
        GalaxyType.Lenticular => (0.9, 1.3),
        GalaxyType.Sa => (1.0, 1.15),
        GalaxyType.Sb => (1.05, 1.0),
        GalaxyType.Sc => (1.1, 0.8),
        GalaxyType.Sd => (1.1, 0.55),
        GalaxyType.EdgeOn => (1.15, 1.5),
        GalaxyType.Irregular => (0.9, 0.5),
        _ => (1.0, 1.0),
    };

    /// <summary>Per-galaxy draw state: the common parameters every type starts from.</summary>
    private sealed record Context(SeededRandom Rng, double Re, double SurfaceBrightness, double X, double Y, double PositionAngle,
        (double R, double G, double B) Reddening)
    {
        /// <summary>Total flux of a galaxy whose mean surface brightness within Rₑ (axis ratio q) is the drawn one.</summary>
        public double Flux(double q) => 2 * Math.PI * Re * Re * q * SurfaceBrightness;

        /// <summary>A colour with ±4% jitter per band and the distance reddening.</summary>
        public BandColour Colour(BandColour c) => BandColour.Of(
            c.R * Reddening.R * (1 + 0.04 * Rng.NextNormal()),
            c.G * Reddening.G * (1 + 0.04 * Rng.NextNormal()),
            c.B * Reddening.B * (1 + 0.04 * Rng.NextNormal()));
    }

    private static VisualCues BaseCues(double q) => new()
    {
        Distance = 0, HalfLightRadius = 0, Resolution = 0, SurfaceBrightness = 0, AxisRatio = q,
    };

    private static Built Elliptical(Context c)
    {
        var rng = c.Rng;
        var n = Uniform(rng, 3, 5);
        var q = 1 - 0.62 * Math.Pow(rng.NextDouble(), 1.3);
        var sph = new SersicSpheroid(c.Flux(q), c.Re, n, q, c.Colour(OldStars));
        return new Built([new GalaxyBody(c.X, c.Y, c.PositionAngle, sph, null, null)], [], Winding.None,
            BaseCues(q) with { BulgeFraction = 1 });
    }

    private static Built Lenticular(Context c)
    {
        var rng = c.Rng;
        var bt = Uniform(rng, 0.35, 0.7);
        var cosI = Uniform(rng, 0.1, 1);
        var disc0 = new ExponentialDisc(0, c.Re / 1.678 * Uniform(rng, 1.0, 1.3), cosI, 0.2, default, null, 0);
        var q = disc0.ApparentAxisRatio;
        var flux = c.Flux(Math.Sqrt(q));
        var bulge = new SersicSpheroid(flux * bt, c.Re * Uniform(rng, 0.25, 0.45), Uniform(rng, 2, 4), Uniform(rng, 0.75, 1),
            c.Colour(OldStars));
        var disc = disc0 with { Flux = flux * (1 - bt), Colour = c.Colour(BandColour.Of(1.2, 1, 0.8)) };
        return new Built([new GalaxyBody(c.X, c.Y, c.PositionAngle, bulge, disc, null)], [], Winding.None,
            BaseCues(q) with { CosInclination = cosI, BulgeFraction = bt });
    }

    private static Built Spiral(Context c, GalaxyType type)
    {
        var rng = c.Rng;
        var (btLo, btHi, pitchLo, pitchHi, ampLo, ampHi, sharpLo, sharpHi, knotsLo, knotsHi, barProb, discColour) = type switch
        {
            GalaxyType.Sa => (0.30, 0.50, 7.0, 13.0, 0.35, 0.55, 3, 5, 0, 2, 0.30, BandColour.Of(1.15, 1, 0.85)),
            GalaxyType.Sb => (0.15, 0.30, 11.0, 19.0, 0.45, 0.75, 3, 5, 2, 6, 0.35, BandColour.Of(1.08, 1, 0.92)),
            GalaxyType.Sc => (0.05, 0.15, 17.0, 27.0, 0.55, 0.85, 2, 4, 5, 12, 0.25, BandColour.Of(1.0, 1, 1.0)),
            _ => (0.0, 0.05, 24.0, 35.0, 0.40, 0.70, 1, 3, 6, 14, 0.10, BandColour.Of(0.95, 1, 1.05)),
        };
        var winding = rng.NextDouble() < 0.5 ? Winding.Clockwise : Winding.Anticlockwise;
        var bt = Uniform(rng, btLo, btHi);
        var cosI = Uniform(rng, 0.35, 1);
        var h = c.Re / 1.678 * (1 + 0.4 * bt) * Uniform(rng, 0.9, 1.1);
        var disc0 = new ExponentialDisc(0, h, cosI, 0.15, default, null, 0);
        var q = disc0.ApparentAxisRatio;
        var flux = c.Flux(Math.Sqrt(q));
        var bulgeRe = Math.Max(c.Re * Uniform(rng, 0.15, 0.3), 0.6 * c.Re / 7);
        var bulge = bt > 0.005 ? new SersicSpheroid(flux * bt, bulgeRe, Uniform(rng, 1.5, 3.5), Uniform(rng, 0.8, 1), c.Colour(OldStars)) : null;
        Bar? bar = null;
        if (rng.NextDouble() < barProb)
        {
            var length = h * Uniform(rng, 0.5, 0.8);
            bar = new Bar(flux * Uniform(rng, 0.05, 0.12), length, length * Uniform(rng, 0.22, 0.32), rng.NextDouble() * Math.PI,
                c.Colour(BandColour.Of(1.2, 1, 0.8)));
        }
        var m = type switch
        {
            GalaxyType.Sa or GalaxyType.Sb => rng.NextDouble() < 0.8 ? 2 : 3,
            GalaxyType.Sc => rng.NextDouble() switch { < 0.5 => 2, < 0.8 => 3, _ => 4 },
            _ => 2 + rng.NextInt(3),
        };
        var pitch = Uniform(rng, pitchLo, pitchHi);
        var r0 = bar is not null ? 1.6 * bar.Length : Math.Max(1.5 * bulgeRe, 0.5 * h);
        var arms = new SpiralArms(m, pitch, winding, rng.NextDouble() * 2 * Math.PI, Uniform(rng, ampLo, ampHi),
            sharpLo + rng.NextInt(sharpHi - sharpLo + 1), r0, c.Colour(YoungStars));
        var knotFlux = 0.0;
        var blobs = new List<LightBlob>();
        var knots = knotsLo + rng.NextInt(knotsHi - knotsLo + 1);
        var discFlux = flux * (1 - bt) - (bar?.Flux ?? 0);
        var cp = Math.Cos(c.PositionAngle);
        var sp = Math.Sin(c.PositionAngle);
        var windSign = winding == Winding.Clockwise ? -1 : 1;
        for (var i = 0; i < knots; i++)
        {
            // On an arm: r from r0 to ~3h, disc-plane angle on the arm locus, jittered; then projected and rotated.
            var r = r0 + (3 * h - r0) * Math.Sqrt(rng.NextDouble());
            var phi = arms.Phase + 2 * Math.PI * rng.NextInt(m) / m + windSign * Math.Log(Math.Max(r / r0, 1e-6)) / Math.Tan(pitch * Math.PI / 180)
                + 0.15 * rng.NextNormal();
            var a = r * Math.Cos(phi);
            var v = r * Math.Sin(phi) * cosI;
            var f = discFlux * Uniform(rng, 0.006, 0.02);
            knotFlux += f;
            blobs.Add(new LightBlob(c.X + a * cp - v * sp, c.Y + a * sp + v * cp, c.Re / 7 * Uniform(rng, 0.5, 0.9), f, c.Colour(YoungStars)));
        }
        var disc = disc0 with { Flux = Math.Max(discFlux - knotFlux, 0), Colour = c.Colour(discColour), Arms = arms };
        return new Built([new GalaxyBody(c.X, c.Y, c.PositionAngle, bulge, disc, bar)], blobs, winding,
            BaseCues(q) with { CosInclination = cosI, ArmContrast = arms.Amplitude, PitchDegrees = pitch, BulgeFraction = bt });
    }

    private static Built EdgeOn(Context c)
    {
        var rng = c.Rng;
        var bt = Uniform(rng, 0, 0.35);
        var cosI = Uniform(rng, 0, 0.17);
        var h = c.Re / 1.678 * Uniform(rng, 0.9, 1.1);
        var dust = rng.NextDouble() < 0.7 ? Uniform(rng, 0.2, 0.7) : 0;
        var disc0 = new ExponentialDisc(0, h, cosI, Uniform(rng, 0.08, 0.15), c.Colour(BandColour.Of(1.08, 1, 0.92)), null, dust);
        var q = disc0.ApparentAxisRatio;
        var flux = c.Flux(Math.Sqrt(q));
        var bulge = bt > 0.01 ? new SersicSpheroid(flux * bt, c.Re * Uniform(rng, 0.15, 0.3), Uniform(rng, 1.5, 3.5), Uniform(rng, 0.6, 0.9), c.Colour(OldStars)) : null;
        var disc = disc0 with { Flux = flux * (1 - bt) };
        return new Built([new GalaxyBody(c.X, c.Y, c.PositionAngle, bulge, disc, null)], [], Winding.None,
            BaseCues(q) with { CosInclination = cosI, BulgeFraction = bt });
    }

    private static Built Merger(Context c)
    {
        var rng = c.Rng;
        var ratio = Uniform(rng, 0.25, 1);
        var separation = c.Re * Uniform(rng, 0.8, 3.0);
        var direction = rng.NextDouble() * 2 * Math.PI;
        var (ux, uy) = (Math.Cos(direction), Math.Sin(direction));
        var s1 = separation * ratio / (1 + ratio);
        var s2 = separation / (1 + ratio);
        var total = c.Flux(0.8);
        var primary = Partner(c, c.X - s1 * ux, c.Y - s1 * uy, c.Re, total / (1 + ratio));
        var secondary = Partner(c, c.X + s2 * ux, c.Y + s2 * uy, c.Re * Math.Sqrt(ratio) * Uniform(rng, 0.8, 1.2), total * ratio / (1 + ratio));
        var blobs = new List<LightBlob>();
        var tailFlux = 0.0;
        if (rng.NextDouble() < 0.75)
        {
            var tails = 1 + rng.NextInt(2);
            for (var t = 0; t < tails; t++)
            {
                var from = t == 0 ? primary : secondary;
                tailFlux += Tail(c, from.X, from.Y, total * Uniform(rng, 0.05, 0.15) / tails, blobs);
            }
        }
        var cues = BaseCues(primary.Disc?.ApparentAxisRatio ?? primary.Spheroid?.AxisRatio ?? 1) with
        {
            CompanionSeparation = separation / c.Re,
            CompanionFluxRatio = ratio,
            TidalFraction = tailFlux / (total + tailFlux),
        };
        return new Built([primary, secondary], blobs, Winding.None, cues);
    }

    /// <summary>One partner of a merger: an elliptical or a disturbed-looking disc.</summary>
    private static GalaxyBody Partner(Context c, double x, double y, double re, double flux)
    {
        var rng = c.Rng;
        var pa = rng.NextDouble() * Math.PI;
        if (rng.NextDouble() < 0.35)
        {
            var q = Uniform(rng, 0.5, 1);
            return new GalaxyBody(x, y, pa, new SersicSpheroid(flux, re, Uniform(rng, 2.5, 4.5), q, c.Colour(OldStars)), null, null);
        }
        var bt = Uniform(rng, 0.1, 0.4);
        var h = re / 1.678;
        var arms = new SpiralArms(2, Uniform(rng, 15, 30), rng.NextDouble() < 0.5 ? Winding.Clockwise : Winding.Anticlockwise,
            rng.NextDouble() * 2 * Math.PI, Uniform(rng, 0.3, 0.6), 2, 0.6 * h, c.Colour(YoungStars));
        var disc = new ExponentialDisc(flux * (1 - bt), h, Uniform(rng, 0.3, 1), 0.15, c.Colour(BandColour.Of(1.05, 1, 0.95)), arms, 0);
        var bulge = new SersicSpheroid(flux * bt, re * 0.25, Uniform(rng, 1.5, 3.5), Uniform(rng, 0.8, 1), c.Colour(OldStars));
        return new GalaxyBody(x, y, pa, bulge, disc, null);
    }

    /// <summary>A tidal tail: a curved chain of widening, fading blobs leaving (x, y). Returns its flux.</summary>
    private static double Tail(Context c, double x, double y, double flux, List<LightBlob> blobs)
    {
        var rng = c.Rng;
        const int pieces = 14;
        var angle0 = rng.NextDouble() * 2 * Math.PI;
        var turn = (rng.NextDouble() < 0.5 ? -1 : 1) * Uniform(rng, 1.0, 2.5);
        var length = c.Re * Uniform(rng, 1.5, 3.5);
        var colour = c.Colour(BandColour.Of(0.95, 1, 1.05));
        double weightSum = 0;
        for (var i = 1; i <= pieces; i++) weightSum += 1 - 0.6 * i / (double)pieces;
        for (var i = 1; i <= pieces; i++)
        {
            var t = i / (double)pieces;
            var r = c.Re * 0.8 + t * length;
            var a = angle0 + turn * t;
            blobs.Add(new LightBlob(x + r * Math.Cos(a), y + r * Math.Sin(a), c.Re / 7 * (0.8 + 1.6 * t), flux * (1 - 0.6 * t) / weightSum, colour));
        }
        return flux;
    }

    private static Built Irregular(Context c)
    {
        var rng = c.Rng;
        var q = Uniform(rng, 0.4, 1);
        var h = c.Re / 1.678;
        var flux = c.Flux(q);
        var clumpShare = Uniform(rng, 0.25, 0.45);
        var disc = new ExponentialDisc(flux * (1 - clumpShare), h, q, 0.3, c.Colour(BandColour.Of(0.95, 1, 1.05)), null, 0);
        var blobs = new List<LightBlob>();
        var clumps = 6 + rng.NextInt(11);
        var (ox, oy) = (h * 0.6 * rng.NextNormal(), h * 0.6 * rng.NextNormal());
        for (var i = 0; i < clumps; i++)
            blobs.Add(new LightBlob(c.X + ox + 1.1 * h * rng.NextNormal(), c.Y + oy + 1.1 * h * rng.NextNormal(),
                c.Re / 7 * Uniform(rng, 0.6, 1.5), flux * clumpShare / clumps * Uniform(rng, 0.4, 1.6), c.Colour(YoungStars)));
        return new Built([new GalaxyBody(c.X, c.Y, c.PositionAngle, null, disc, null)], blobs, Winding.None,
            BaseCues(disc.ApparentAxisRatio));
    }

    /// <summary>Foreground stars and faint field objects; also how much the stars could pass for a companion.</summary>
    private (IReadOnlyList<LightBlob> Stars, double Confusion) Stars(SeededRandom rng, double galaxyFlux, double re, double gx, double gy)
    {
        var half = _options.Size / 2.0;
        var k = _scale;
        var stars = new List<LightBlob>();
        var confusion = 0.0;
        if (rng.NextDouble() < _options.StarFraction)
        {
            var (sx, sy) = (Uniform(rng, -half, half), Uniform(rng, -half, half));
            var flux = galaxyFlux * Math.Exp(Uniform(rng, Math.Log(0.05), Math.Log(3)));
            stars.Add(new LightBlob(sx, sy, 0.3 * k, flux, StarColour(rng)));
            var distance = Math.Sqrt((sx - gx) * (sx - gx) + (sy - gy) * (sy - gy));
            confusion = Math.Min(flux / galaxyFlux, 1) * Math.Exp(-Math.Pow(distance / (3 * re), 2));
        }
        var field = Poisson(rng, _options.FieldObjects);
        for (var i = 0; i < field; i++)
        {
            var (fx, fy) = (Uniform(rng, -half, half), Uniform(rng, -half, half));
            var pointLike = rng.NextDouble() < 0.6;
            var flux = _skySigma * k * k * Math.Exp(Uniform(rng, Math.Log(25), Math.Log(250)));
            stars.Add(new LightBlob(fx, fy, pointLike ? 0.3 * k : k * Uniform(rng, 0.7, 1.4), flux, StarColour(rng)));
        }
        return (stars, confusion);
    }

    private static BandColour StarColour(SeededRandom rng)
    {
        var t = rng.NextDouble();
        return BandColour.Of(1.35 - 0.5 * t, 1, 0.65 + 0.5 * t);
    }

    private static int Poisson(SeededRandom rng, double mean)
    {
        if (mean <= 0) return 0;
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var p = rng.NextDouble(); p > limit; p *= rng.NextDouble()) count++;
        return count;
    }

    private static double Uniform(SeededRandom rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();

    private sealed record Built(IReadOnlyList<GalaxyBody> Bodies, IReadOnlyList<LightBlob> Blobs, Winding Winding, VisualCues Cues);
}
