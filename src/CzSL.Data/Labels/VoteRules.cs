using CzSL.Data.Manifest;

namespace CzSL.Data.Labels;

/// <summary>
/// The paper's majority rules on GZ1 vote counts (EL = elliptical, CS = combined spiral = CW + ACW + EDGE).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>ES: spiral when CS &gt; EL, else elliptical — a tie goes to elliptical. The paper's AMATEUR_MAJOR column
/// agrees on every galaxy without a tie; its 212 ties (CS = EL) it splits 109 spiral / 103 elliptical in a way the
/// counts cannot reproduce. This tie rule reproduces the 92.0% ± 0.5% agreement with the experts quoted for the
/// tables ("CS ≥ EL" gives 92.1%).</item>
/// <item>ERL: elliptical when EL ≥ CS (the same tie rule as ES), else clockwise when CW ≥ ACW, else anticlockwise
/// (a CW/ACW tie, including a spiral with only edge-on votes, goes to clockwise). Reproduces the quoted
/// 91.1% ± 0.5% agreement with the experts' HAND labels.</item>
/// <item>MG: merger when MG / NVOTE ≥ 0.5. The paper's MG_AMATEUR flag follows this except on exact ties
/// (2·N_MG = NVOTE), which it splits 59 merger / 70 not, a split the counts cannot reproduce.</item>
/// </list>
/// </remarks>
public static class VoteRules
{
    /// <summary>The majority class index of <paramref name="votes"/> in <paramref name="scenario"/>, or null for a galaxy with no votes.</summary>
    /// <exception cref="ArgumentException"><paramref name="scenario"/> is not a built-in (GZ1) scenario.</exception>
    public static int? Majority(VoteCounts votes, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (votes.Total <= 0) return null;
        return scenario.Gz1 switch
        {
            Gz1Task.ES => votes.Spiral > votes.Elliptical ? 1 : 0,
            Gz1Task.ERL => votes.Elliptical >= votes.Spiral ? 0 : votes.Clockwise >= votes.Anticlockwise ? 1 : 2,
            Gz1Task.MG => 2L * votes.Merger >= votes.Total ? 1 : 0,
            _ => throw new ArgumentException($"Scenario {scenario} does not read GZ1 votes; its votes are its own vote columns.", nameof(scenario)),
        };
    }

    /// <summary>
    /// The majority class index of a user's task's per-class <paramref name="counts"/> (a tie goes to the lower class
    /// index), or null when there is no vote.
    /// </summary>
    public static int? MajorityOf(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Sum() <= 0) return null;
        var best = 0;
        for (var i = 1; i < counts.Count; i++)
            if (counts[i] > counts[best]) best = i;
        return best;
    }
}
