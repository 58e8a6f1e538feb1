namespace CzSL.Data.Manifest;

/// <summary>The leaf classes of the Galaxy Zoo 1 decision tree, as written in the <c>consensus</c> column.</summary>
public static class Gz1Consensus
{
    /// <summary>Elliptical.</summary>
    public const string Elliptical = "elliptical";
    /// <summary>Spiral with clockwise (Z-wise) arms.</summary>
    public const string SpiralClockwise = "spiral_cw";
    /// <summary>Spiral with anticlockwise (S-wise) arms.</summary>
    public const string SpiralAnticlockwise = "spiral_acw";
    /// <summary>Edge-on disc (spiral, winding unknown).</summary>
    public const string EdgeOn = "edge_on";
    /// <summary>Volunteers did not know.</summary>
    public const string DontKnow = "dont_know";
    /// <summary>Merger.</summary>
    public const string Merger = "merger";

    /// <summary>All six, in GZ1's class-number order (0–5).</summary>
    public static readonly IReadOnlyList<string> All = [Elliptical, SpiralClockwise, SpiralAnticlockwise, EdgeOn, DontKnow, Merger];

    /// <summary>The canonical (lowercase) name matching <paramref name="name"/> case-insensitively, or null if none does.</summary>
    public static string? Normalize(string name)
    {
        foreach (var c in All)
            if (string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) return c;
        return null;
    }
}
