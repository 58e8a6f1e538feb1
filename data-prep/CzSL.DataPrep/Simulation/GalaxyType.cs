using CzSL.Data;

namespace CzSL.DataPrep.Simulation;

/// <summary>The fine morphological types the simulator draws (written to the manifest's <c>truth_type</c>).</summary>
public enum GalaxyType
{
    /// <summary>Elliptical: one Sérsic spheroid (n ≈ 3–5), red. Early type.</summary>
    Elliptical,
    /// <summary>Lenticular (S0): bulge plus a featureless red disc, any inclination. Early type.</summary>
    Lenticular,
    /// <summary>Spiral Sa: big bulge, tightly wound smooth arms.</summary>
    Sa,
    /// <summary>Spiral Sb: intermediate bulge and pitch.</summary>
    Sb,
    /// <summary>Spiral Sc: small bulge, open knotty arms.</summary>
    Sc,
    /// <summary>Spiral Sd: almost no bulge, loose patchy arms, low surface brightness.</summary>
    Sd,
    /// <summary>A spiral disc seen edge-on (inclination ≥ 80°): winding invisible.</summary>
    EdgeOn,
    /// <summary>Two interacting galaxies, often with tidal tails.</summary>
    Merger,
    /// <summary>Clumpy, asymmetric, blue, no clear structure.</summary>
    Irregular,
}

/// <summary>Winding sense of spiral arms as seen on screen (x right, y down), in Galaxy Zoo 1's naming.</summary>
public enum Winding
{
    /// <summary>No arms (or arms invisible: edge-on).</summary>
    None,
    /// <summary>
    /// GZ1 "clockwise / Z-wise": the arms trail a disc turning clockwise on screen, so an arm followed outward from
    /// the centre turns anticlockwise (its on-screen polar angle grows with radius) and the pattern looks like a Z.
    /// </summary>
    Clockwise,
    /// <summary>GZ1 "anticlockwise / S-wise": the mirror image of <see cref="Clockwise"/>.</summary>
    Anticlockwise,
}

/// <summary>Manifest names and scenario truths of <see cref="GalaxyType"/>.</summary>
public static class GalaxyTypes
{
    /// <summary>All types in declaration order.</summary>
    public static readonly IReadOnlyList<GalaxyType> All = Enum.GetValues<GalaxyType>();

    /// <summary>The <c>truth_type</c> name: E, S0, Sa, Sb, Sc, Sd, edge_on, merger, irregular.</summary>
    public static string Name(GalaxyType type) => type switch
    {
        GalaxyType.Elliptical => "E",
        GalaxyType.Lenticular => "S0",
        GalaxyType.Sa => "Sa",
        GalaxyType.Sb => "Sb",
        GalaxyType.Sc => "Sc",
        GalaxyType.Sd => "Sd",
        GalaxyType.EdgeOn => "edge_on",
        GalaxyType.Merger => "merger",
        GalaxyType.Irregular => "irregular",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown galaxy type."),
    };

    /// <summary>True for E and S0 (the paper's early type, expert "M").</summary>
    public static bool IsEarly(GalaxyType type) => type is GalaxyType.Elliptical or GalaxyType.Lenticular;

    /// <summary>True for the face-on or moderately inclined spirals Sa–Sd, whose winding is visible.</summary>
    public static bool IsWoundSpiral(GalaxyType type) => type is GalaxyType.Sa or GalaxyType.Sb or GalaxyType.Sc or GalaxyType.Sd;

    /// <summary>
    /// True ES class: elliptical for E/S0, spiral for Sa–Sd, edge-on and irregular, null for mergers (the paper's
    /// MG table gives most mergers no ES label).
    /// </summary>
    public static string? TruthES(GalaxyType type) => type switch
    {
        GalaxyType.Merger => null,
        _ when IsEarly(type) => ScenarioClasses.ES[0],
        _ => ScenarioClasses.ES[1],
    };

    /// <summary>True ERL class: elliptical for E/S0, the winding for Sa–Sd, null otherwise.</summary>
    public static string? TruthERL(GalaxyType type, Winding winding)
    {
        if (IsEarly(type)) return ScenarioClasses.ERL[0];
        if (!IsWoundSpiral(type)) return null;
        return winding switch
        {
            Winding.Clockwise => ScenarioClasses.ERL[1],
            Winding.Anticlockwise => ScenarioClasses.ERL[2],
            _ => throw new ArgumentException($"A {Name(type)} spiral needs a winding.", nameof(winding)),
        };
    }

    /// <summary>True MG class: merger for mergers, non_merger for everything else.</summary>
    public static string TruthMG(GalaxyType type) => ScenarioClasses.MG[type == GalaxyType.Merger ? 1 : 0];
}
