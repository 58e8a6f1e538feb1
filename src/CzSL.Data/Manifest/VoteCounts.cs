namespace CzSL.Data.Manifest;

/// <summary>
/// Galaxy Zoo 1 volunteer vote counts in GZ1's own six categories (the paper's N_EL, N_CW, N_ACW, N_EDGE, N_DK, N_MG).
/// Combined spiral (N_CS) and the total (NVOTE) are derived, exactly as in the GZ1 tables.
/// </summary>
public readonly record struct VoteCounts(int Elliptical, int Clockwise, int Anticlockwise, int EdgeOn, int DontKnow, int Merger)
{
    /// <summary>Combined spiral votes: clockwise + anticlockwise + edge-on (GZ1's N_CS).</summary>
    public int Spiral => Clockwise + Anticlockwise + EdgeOn;

    /// <summary>All votes (GZ1's NVOTE).</summary>
    public int Total => Elliptical + Clockwise + Anticlockwise + EdgeOn + DontKnow + Merger;

    /// <summary>Vote fractions in the paper's feature order: EL, CS, CW, ACW, EDGE, DK, MG.</summary>
    public float[] Fractions()
    {
        var n = Total;
        if (n <= 0) throw new InvalidOperationException("A galaxy with no votes has no vote fractions.");
        float f(int c) => (float)c / n;
        return [f(Elliptical), f(Spiral), f(Clockwise), f(Anticlockwise), f(EdgeOn), f(DontKnow), f(Merger)];
    }

    /// <summary>Names of <see cref="Fractions"/> in order.</summary>
    public static readonly IReadOnlyList<string> FractionNames = ["EL", "CS", "CW", "ACW", "EDGE", "DK", "MG"];
}
