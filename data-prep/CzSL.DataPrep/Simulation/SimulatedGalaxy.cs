namespace CzSL.DataPrep.Simulation;

/// <summary>
/// What a volunteer's eye responds to, summarised per galaxy by the sampler (the volunteer model reads these
/// rather than the pixels). Lengths are in pixels of a 64-pixel cutout, whatever the rendered size.
/// </summary>
public sealed record VisualCues
{
    /// <summary>Latent distance, 0 (nearest) to 1 (farthest): drives apparent size and surface brightness.</summary>
    public required double Distance { get; init; }
    /// <summary>Half-light radius of the (main) galaxy.</summary>
    public required double HalfLightRadius { get; init; }
    /// <summary>Half-light radius over the PSF σ: how well resolved the galaxy is.</summary>
    public required double Resolution { get; init; }
    /// <summary>Mean surface brightness inside the half-light radius, in units of the sky noise σ per pixel.</summary>
    public required double SurfaceBrightness { get; init; }
    /// <summary>Apparent minor/major axis ratio of the main galaxy.</summary>
    public required double AxisRatio { get; init; }
    /// <summary>cos i of the disc (1 when there is no disc).</summary>
    public double CosInclination { get; init; } = 1;
    /// <summary>Fraction of the disc light in spiral arms (0 without arms).</summary>
    public double ArmContrast { get; init; }
    /// <summary>Pitch angle of the arms, degrees (0 without arms).</summary>
    public double PitchDegrees { get; init; }
    /// <summary>Fraction of the light in the bulge (or spheroid).</summary>
    public double BulgeFraction { get; init; }
    /// <summary>Merger: centre distance of the two galaxies in units of the primary's half-light radius (0 otherwise).</summary>
    public double CompanionSeparation { get; init; }
    /// <summary>Merger: flux of the secondary over the primary (0 otherwise).</summary>
    public double CompanionFluxRatio { get; init; }
    /// <summary>Merger: fraction of the light in tidal tails (0 otherwise).</summary>
    public double TidalFraction { get; init; }
    /// <summary>How much a foreground star could pass for a companion: its flux relative to the galaxy (≤ 1), down-weighted with distance.</summary>
    public double StarConfusion { get; init; }
}

/// <summary>One galaxy drawn by <see cref="GalaxySampler"/>: its truth, its scene and its visual cues.</summary>
/// <param name="Index">0-based position in the dataset.</param>
/// <param name="Type">Fine type.</param>
/// <param name="Winding">Arm winding (None unless Sa–Sd).</param>
/// <param name="Scene">What to render.</param>
/// <param name="Cues">What volunteers respond to.</param>
public sealed record SimulatedGalaxy(int Index, GalaxyType Type, Winding Winding, GalaxyScene Scene, VisualCues Cues)
{
    /// <summary>The manifest id: "sim" and the 1-based index, at least six digits (sim000001).</summary>
    public string Id => IdOf(Index);

    /// <summary>The id of the galaxy at 0-based <paramref name="index"/>.</summary>
    public static string IdOf(int index) => "sim" + (index + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
