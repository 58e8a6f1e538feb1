namespace CzSL.DataPrep.Simulation;

/// <summary>
/// The "camera": sky, detector noise and the colour stretch that turns electrons into 8-bit RGB. Defaults give
/// SDSS-like cutouts: a dark grainy background, faint discs a few grey levels above it, saturated cores only for
/// the brightest objects.
/// </summary>
public sealed record ImagingOptions
{
    /// <summary>Sky background per pixel and band, electrons (subtracted again after the noise is drawn).</summary>
    public double SkyLevel { get; init; } = 120;

    /// <summary>Read noise per pixel and band, electrons.</summary>
    public double ReadNoise { get; init; } = 6;

    /// <summary>
    /// Softening of the asinh stretch (Lupton et al. 2004), per unit of sky noise σ: intensities well below
    /// 1/<see cref="AsinhSoftening"/> σ are shown linearly, brighter ones logarithmically.
    /// </summary>
    public double AsinhSoftening { get; init; } = 0.1;

    /// <summary>Mean band intensity, in sky-noise σ, that is shown at full brightness (255).</summary>
    public double WhitePoint { get; init; } = 400;

    /// <summary>Sky noise σ per pixel (electrons): √(sky + read²).</summary>
    public double SkySigma => Math.Sqrt(SkyLevel + ReadNoise * ReadNoise);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!(SkyLevel >= 0)) throw new ArgumentOutOfRangeException(nameof(SkyLevel), SkyLevel, "SkyLevel must be ≥ 0.");
        if (!(ReadNoise >= 0)) throw new ArgumentOutOfRangeException(nameof(ReadNoise), ReadNoise, "ReadNoise must be ≥ 0.");
        if (!(SkySigma > 0)) throw new ArgumentOutOfRangeException(nameof(SkyLevel), SkyLevel, "SkyLevel and ReadNoise cannot both be 0.");
        if (!(AsinhSoftening > 0)) throw new ArgumentOutOfRangeException(nameof(AsinhSoftening), AsinhSoftening, "AsinhSoftening must be > 0.");
        if (!(WhitePoint > 0)) throw new ArgumentOutOfRangeException(nameof(WhitePoint), WhitePoint, "WhitePoint must be > 0.");
    }
}
