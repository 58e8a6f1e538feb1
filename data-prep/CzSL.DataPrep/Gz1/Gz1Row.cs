using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Gz1;

/// <summary>
/// One galaxy of the Galaxy Zoo 1 data-release table (Lintott et al. 2011, table 2): position, number of
/// classifications, vote fractions as published and the vote counts reconstructed from them.
/// </summary>
/// <param name="ObjId">SDSS DR7 objID (digits, as written).</param>
/// <param name="Ra">Right ascension, degrees [0, 360).</param>
/// <param name="Dec">Declination, degrees.</param>
/// <param name="NVote">Number of classifications (NVOTE).</param>
/// <param name="Votes">Counts round(NVOTE × P_x) for EL, CW, ACW, EDGE, DK, MG (see <see cref="Gz1Table"/>).</param>
/// <param name="PEl">Elliptical fraction P_EL.</param>
/// <param name="PCw">Clockwise spiral fraction P_CW.</param>
/// <param name="PAcw">Anticlockwise spiral fraction P_ACW.</param>
/// <param name="PEdge">Edge-on fraction P_EDGE.</param>
/// <param name="PDk">Don't-know fraction P_DK.</param>
/// <param name="PMg">Merger fraction P_MG.</param>
/// <param name="PCs">Combined spiral fraction P_CS.</param>
/// <param name="PElDebiased">Bias-corrected elliptical fraction, or null when the table has no P_EL_DEBIASED column.</param>
/// <param name="PCsDebiased">Bias-corrected spiral fraction, or null when the table has no P_CS_DEBIASED column.</param>
/// <param name="Flag">The GZ1 "clean" flag: 'S' spiral, 'E' elliptical, 'U' uncertain; null when the table has no flag columns.</param>
public sealed record Gz1Row(
    string ObjId, double Ra, double Dec, int NVote, VoteCounts Votes,
    double PEl, double PCw, double PAcw, double PEdge, double PDk, double PMg, double PCs,
    double? PElDebiased, double? PCsDebiased, char? Flag)
{
    /// <summary>A manifest record with this row's id, position, votes and debiased fractions (no image, no labels).</summary>
    public GalaxyRecord ToRecord() => new()
    {
        Id = ObjId,
        Ra = Ra,
        Dec = Dec,
        Votes = Votes,
        EllipticalDebiased = PElDebiased,
        SpiralDebiased = PCsDebiased,
    };
}
