using CzSL.Data;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// The independent random streams of a simulation. Each galaxy draws its parameters, its votes and its pixel noise
/// from separate streams derived from (seed, index, purpose), so rendering images or not, in any order and on any
/// number of threads, leaves every other draw unchanged.
/// </summary>
public static class SimulationStreams
{
    private const ulong Purposes = 4;

    /// <summary>Stream of galaxy <paramref name="index"/>'s parameters.</summary>
    public static SeededRandom Galaxy(ulong seed, int index) => Stream(seed, index, 0);

    /// <summary>Stream of galaxy <paramref name="index"/>'s volunteer votes.</summary>
    public static SeededRandom Votes(ulong seed, int index) => Stream(seed, index, 1);

    /// <summary>Stream of galaxy <paramref name="index"/>'s pixel noise.</summary>
    public static SeededRandom Noise(ulong seed, int index) => Stream(seed, index, 2);

    /// <summary>Stream of galaxy <paramref name="index"/>'s expert label (its mistakes).</summary>
    public static SeededRandom Expert(ulong seed, int index) => Stream(seed, index, 3);

    /// <summary>Stream that picks which galaxies get expert labels.</summary>
    public static SeededRandom ExpertSelection(ulong seed) => SeededRandom.Derive(seed, ulong.MaxValue);

    private static SeededRandom Stream(ulong seed, int index, ulong purpose)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return SeededRandom.Derive(seed, (ulong)index * Purposes + purpose);
    }
}
