namespace CzSL.DataPrep.Simulation;

/// <summary>Relative flux of a component in the three bands (R, G, B ≈ SDSS i, r, g), normalised to mean 1.</summary>
public readonly record struct BandColour(float R, float G, float B)
{
    /// <summary>A colour with the proportions of (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>), rescaled to mean 1.</summary>
    public static BandColour Of(double r, double g, double b)
    {
        var mean = (r + g + b) / 3;
        if (!(mean > 0)) throw new ArgumentException("A colour needs positive total flux.");
        return new BandColour((float)(r / mean), (float)(g / mean), (float)(b / mean));
    }
}

/// <summary>A Sérsic spheroid (bulge or elliptical), centred on its body.</summary>
/// <param name="Flux">Total flux, electrons.</param>
/// <param name="EffectiveRadius">Half-light radius along the major axis, pixels.</param>
/// <param name="SersicIndex">Sérsic n (1 exponential, 4 de Vaucouleurs).</param>
/// <param name="AxisRatio">Projected minor/major axis ratio (0, 1].</param>
/// <param name="Colour">Band proportions.</param>
public sealed record SersicSpheroid(double Flux, double EffectiveRadius, double SersicIndex, double AxisRatio, BandColour Colour);

/// <summary>A bar: an elongated Gaussian in the disc plane.</summary>
/// <param name="Flux">Total flux, electrons.</param>
/// <param name="Length">Gaussian scale along the bar, pixels (disc plane).</param>
/// <param name="Width">Gaussian scale across the bar, pixels (disc plane).</param>
/// <param name="Angle">Angle of the bar from the disc's major axis in the disc plane, radians.</param>
/// <param name="Colour">Band proportions.</param>
public sealed record Bar(double Flux, double Length, double Width, double Angle, BandColour Colour);

/// <summary>Logarithmic spiral arms modulating a disc.</summary>
/// <param name="Count">Number of arms (2–4).</param>
/// <param name="PitchDegrees">Pitch angle: small is tightly wound (Sa), large is open (Sd).</param>
/// <param name="Winding">Winding sense as seen on screen.</param>
/// <param name="Phase">Disc-plane angle where arm 0 starts at <paramref name="InnerRadius"/>, radians.</param>
/// <param name="Amplitude">Fraction of the disc light in the arms, 0–1.</param>
/// <param name="Sharpness">Exponent of the arm profile ((1+cos)/2)^k: larger gives narrower arms.</param>
/// <param name="InnerRadius">Radius where the arms start (bar end or bulge edge), pixels.</param>
/// <param name="Colour">Band proportions of the arm light (bluer than the disc).</param>
public sealed record SpiralArms(int Count, double PitchDegrees, Winding Winding, double Phase, double Amplitude, double Sharpness,
    double InnerRadius, BandColour Colour);

/// <summary>An exponential disc, optionally with arms and a dust lane.</summary>
/// <param name="Flux">Total flux, electrons.</param>
/// <param name="ScaleLength">Exponential scale length, pixels.</param>
/// <param name="CosInclination">cos i: 1 face-on, 0 edge-on.</param>
/// <param name="Thickness">Intrinsic thickness q₀ (apparent axis ratio when edge-on).</param>
/// <param name="Colour">Band proportions of the smooth disc.</param>
/// <param name="Arms">Spiral arms, or null for a featureless disc.</param>
/// <param name="DustLane">Central extinction of a mid-plane dust lane in the B band (0 none; G gets 0.8×, R 0.6×).</param>
public sealed record ExponentialDisc(double Flux, double ScaleLength, double CosInclination, double Thickness, BandColour Colour,
    SpiralArms? Arms, double DustLane)
{
    /// <summary>Apparent minor/major axis ratio: sqrt(cos²i + q₀² sin²i).</summary>
    public double ApparentAxisRatio => Math.Sqrt(CosInclination * CosInclination + Thickness * Thickness * (1 - CosInclination * CosInclination));
}

/// <summary>One galaxy of a scene: components sharing a centre and a position angle.</summary>
/// <param name="X">Centre, pixels right of the image centre.</param>
/// <param name="Y">Centre, pixels below the image centre.</param>
/// <param name="PositionAngle">Angle of the major axis from +x towards +y (screen), radians.</param>
/// <param name="Spheroid">Bulge or elliptical, or null.</param>
/// <param name="Disc">Disc, or null.</param>
/// <param name="Bar">Bar, or null.</param>
public sealed record GalaxyBody(double X, double Y, double PositionAngle, SersicSpheroid? Spheroid, ExponentialDisc? Disc, Bar? Bar);

/// <summary>A small Gaussian light source: a star-forming knot, a clump, a piece of tidal tail or a foreground star.</summary>
/// <param name="X">Centre, pixels right of the image centre.</param>
/// <param name="Y">Centre, pixels below the image centre.</param>
/// <param name="Sigma">Gaussian width before the PSF, pixels.</param>
/// <param name="Flux">Total flux, electrons.</param>
/// <param name="Colour">Band proportions.</param>
public sealed record LightBlob(double X, double Y, double Sigma, double Flux, BandColour Colour);

/// <summary>
/// Everything the renderer needs to draw one cutout, in pixels relative to the image centre (x right, y down, as on
/// screen) and electrons per pixel. Noise is added by the renderer, from a seed it is given.
/// </summary>
/// <param name="Bodies">One galaxy, or two for a merger.</param>
/// <param name="Blobs">Knots, clumps, tidal tails (not foreground stars).</param>
/// <param name="Stars">Foreground stars.</param>
/// <param name="PsfSigma">Gaussian PSF width, pixels.</param>
public sealed record GalaxyScene(IReadOnlyList<GalaxyBody> Bodies, IReadOnlyList<LightBlob> Blobs, IReadOnlyList<LightBlob> Stars, double PsfSigma)
{
    /// <summary>
    /// The scene reflected left–right (x → −x): centres and blobs mirrored, position angles and bar angles negated,
    /// arm phases reflected and the winding flipped. Rendering it without noise gives the horizontally mirrored image,
    /// which is what makes a flipped cutout a valid ERL augmentation (clockwise ↔ anticlockwise).
    /// </summary>
    public GalaxyScene MirrorHorizontally() => new(
        Bodies.Select(MirrorBody).ToArray(),
        Blobs.Select(MirrorBlob).ToArray(),
        Stars.Select(MirrorBlob).ToArray(),
        PsfSigma);

    private static GalaxyBody MirrorBody(GalaxyBody b) => b with
    {
        X = -b.X,
        PositionAngle = -b.PositionAngle,
        Disc = b.Disc is null ? null : b.Disc with { Arms = b.Disc.Arms is null ? null : MirrorArms(b.Disc.Arms) },
        Bar = b.Bar is null ? null : b.Bar with { Angle = -b.Bar.Angle },
    };

    private static SpiralArms MirrorArms(SpiralArms a) => a with
    {
        Phase = Math.PI - a.Phase,
        Winding = a.Winding switch
        {
            Winding.Clockwise => Winding.Anticlockwise,
            Winding.Anticlockwise => Winding.Clockwise,
            _ => Winding.None,
        },
    };

    private static LightBlob MirrorBlob(LightBlob b) => b with { X = -b.X };
}
