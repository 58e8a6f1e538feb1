using CzSL.Data.Manifest;

namespace CzSL.Data.Labels;

/// <summary>
/// Maps a Galaxy Zoo 1 consensus leaf class (<see cref="Gz1Consensus"/>) to a scenario class.
/// </summary>
/// <remarks>
/// ES: elliptical → elliptical; spiral_cw, spiral_acw, edge_on → spiral; merger, dont_know → none.
/// ERL: elliptical → elliptical; spiral_cw → clockwise; spiral_acw → anticlockwise; edge_on (winding not visible),
/// merger, dont_know → none. MG: merger → merger; dont_know → none; every other class → non_merger.
/// </remarks>
public static class ConsensusLabels
{
    /// <summary>The class index of <paramref name="consensus"/> in <paramref name="scenario"/>, or null when it says nothing about it (always null for a user's own task).</summary>
    /// <exception cref="FormatException"><paramref name="consensus"/> is not a GZ1 class name.</exception>
    public static int? IndexOf(string consensus, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        ArgumentNullException.ThrowIfNull(scenario);
        var c = Gz1Consensus.Normalize(consensus)
            ?? throw new FormatException($"Unknown GZ1 class '{consensus}'; expected one of: {string.Join(", ", Gz1Consensus.All)}.");
        return scenario.Gz1 switch
        {
            Gz1Task.ES => c switch
            {
                Gz1Consensus.Elliptical => 0,
                Gz1Consensus.SpiralClockwise or Gz1Consensus.SpiralAnticlockwise or Gz1Consensus.EdgeOn => 1,
                _ => null,
            },
            Gz1Task.ERL => c switch
            {
                Gz1Consensus.Elliptical => 0,
                Gz1Consensus.SpiralClockwise => 1,
                Gz1Consensus.SpiralAnticlockwise => 2,
                _ => null,
            },
            Gz1Task.MG => c switch
            {
                Gz1Consensus.Merger => 1,
                Gz1Consensus.DontKnow => null,
                _ => 0,
            },
            _ => null,
        };
    }
}
