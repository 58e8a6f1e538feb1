namespace CzSL.DataPrep.Simulation;

/// <summary>Progress of a simulation: galaxies finished out of the total.</summary>
/// <param name="Completed">Galaxies done.</param>
/// <param name="Total">Galaxies to do.</param>
public readonly record struct SimulationProgress(int Completed, int Total);

/// <summary>Distribution of the number of votes per galaxy.</summary>
/// <param name="Min">Fewest votes.</param>
/// <param name="Median">Median (lower middle value for an even count).</param>
/// <param name="Max">Most votes.</param>
/// <param name="Mean">Mean.</param>
public readonly record struct VoteCountStats(int Min, int Median, int Max, double Mean)
{
    /// <summary>The statistics of <paramref name="counts"/> (at least one).</summary>
    public static VoteCountStats Of(IReadOnlyCollection<int> counts)
    {
        if (counts.Count == 0) throw new ArgumentException("No vote counts.", nameof(counts));
        var sorted = counts.Order().ToArray();
        return new VoteCountStats(sorted[0], sorted[(sorted.Length - 1) / 2], sorted[^1], sorted.Average());
    }
}

/// <summary>What a simulation produced.</summary>
public sealed record SimulationSummary
{
    /// <summary>Dataset folder (full path).</summary>
    public required string Folder { get; init; }
    /// <summary>Path of the manifest written.</summary>
    public required string ManifestPath { get; init; }
    /// <summary>Number of galaxies.</summary>
    public required int Count { get; init; }
    /// <summary>Galaxies per <c>truth_type</c> name (every type listed, zeros included).</summary>
    public required IReadOnlyDictionary<string, int> TypeCounts { get; init; }
    /// <summary>Galaxies with expert labels.</summary>
    public required int ExpertCount { get; init; }
    /// <summary>Votes per galaxy.</summary>
    public required VoteCountStats Votes { get; init; }
    /// <summary>Volunteer majority vs the ground truth.</summary>
    public required AmateurAgreement AgreementWithTruth { get; init; }
    /// <summary>Wall-clock time.</summary>
    public required TimeSpan Elapsed { get; init; }
}
