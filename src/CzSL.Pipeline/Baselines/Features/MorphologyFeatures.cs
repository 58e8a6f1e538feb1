namespace CzSL.Pipeline.Baselines.Features;

/// <summary>
/// Non-parametric morphology of one galaxy image (CAS system and friends), computed by <see cref="CasFeatureExtractor"/>.
/// Colours assume the SDSS gri composite convention of galaxy cutouts: red = i, green = r, blue = g.
/// </summary>
public sealed record MorphologyFeatures
{
    /// <summary>Number of values in <see cref="ToVector"/>.</summary>
    public const int Count = 14;

    /// <summary>Names of the values of <see cref="ToVector"/>, in order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "g_r", "r_i", "g_r_inner", "g_r_outer", "concentration", "asymmetry", "smoothness", "gini", "m20",
        "axis_ratio", "ellipticity", "r50_relative", "spiral_winding", "spiral_strength",
    ];

    /// <summary>g − r colour (−2.5 log10 of blue over green flux) inside the galaxy aperture.</summary>
    public double GMinusR { get; init; }
    /// <summary>r − i colour (−2.5 log10 of green over red flux) inside the galaxy aperture.</summary>
    public double RMinusI { get; init; }
    /// <summary>g − r inside the half-light radius.</summary>
    public double GMinusRInner { get; init; }
    /// <summary>g − r between the half-light radius and the aperture edge.</summary>
    public double GMinusROuter { get; init; }
    /// <summary>Concentration C = 5 log10(r80 / r20) about the light-weighted centre.</summary>
    public double Concentration { get; init; }
    /// <summary>Asymmetry A: 180° rotation residual, minimised over the centre, minus the noise expectation.</summary>
    public double Asymmetry { get; init; }
    /// <summary>Smoothness (clumpiness) S: 10 × positive residual after boxcar smoothing over the light, minus the noise expectation.</summary>
    public double Smoothness { get; init; }
    /// <summary>Gini coefficient of the pixel fluxes of the galaxy (0 = uniform, 1 = all light in one pixel).</summary>
    public double Gini { get; init; }
    /// <summary>M20: log10 of the second moment of the brightest 20% of the light over the total second moment.</summary>
    public double M20 { get; init; }
    /// <summary>Minor over major axis from the flux-weighted second moments (1 = round).</summary>
    public double AxisRatio { get; init; }
    /// <summary>Ellipticity 1 − <see cref="AxisRatio"/>.</summary>
    public double Ellipticity => 1 - AxisRatio;
    /// <summary>Half-light radius divided by the smaller image side (scale-free size).</summary>
    public double R50Relative { get; init; }
    /// <summary>
    /// Signed winding of logarithmic-spiral structure, from the log-polar Fourier modes m = 1..3: positive when arms,
    /// followed outwards, turn clockwise as the image is displayed (row 0 at the top), negative when they turn
    /// anticlockwise, near 0 without spiral structure. A mirror image flips the sign.
    /// </summary>
    public double SpiralWinding { get; init; }
    /// <summary>Amplitude of the logarithmic-spiral Fourier modes (both senses); near 0 for a smooth, round galaxy.</summary>
    public double SpiralStrength { get; init; }

    /// <summary>The features as a float vector in the order of <see cref="Names"/>.</summary>
    public float[] ToVector() =>
    [
        (float)GMinusR, (float)RMinusI, (float)GMinusRInner, (float)GMinusROuter, (float)Concentration,
        (float)Asymmetry, (float)Smoothness, (float)Gini, (float)M20, (float)AxisRatio, (float)Ellipticity,
        (float)R50Relative, (float)SpiralWinding, (float)SpiralStrength,
    ];
}
