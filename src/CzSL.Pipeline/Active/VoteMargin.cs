using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Active;

/// <summary>
/// The volunteers' own uncertainty about a galaxy: the share of its votes for each class of a scenario (ES: elliptical,
/// spiral = CW + ACW + EDGE; ERL: elliptical, CW, ACW; MG: not merger, merger), renormalised to sum to 1 (uniform when
/// no vote names one of them, e.g. an ERL galaxy voted only edge-on: the volunteers could not tell), and the margin
/// between the two largest shares (0: perfectly split, 1: unanimous).
/// </summary>
public static class VoteMargin
{
    /// <summary>
    /// The class shares of <paramref name="record"/>'s votes (GZ1 votes; a user's own task: its vote columns), in
    /// <see cref="ScenarioClasses"/> order, summing to 1.
    /// </summary>
    /// <exception cref="ArgumentException">The record has no votes.</exception>
    public static double[] Shares(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.IsBuiltIn)
        {
            var own = record.Task(scenario)?.Votes is { } c && c.Sum() > 0 ? c : throw new ArgumentException(
                $"Galaxy {record.Id} has no {scenario} votes: vote margins need the task's vote columns ({string.Join(", ", scenario.Columns!.Votes)}).", nameof(record));
            return [.. own.Select(x => (double)x / own.Sum())];
        }
        if (record.Votes is not { Total: > 0 } v)
            throw new ArgumentException($"Galaxy {record.Id} has no votes: vote margins need vote counts.", nameof(record));
        double[] counts = scenario.Gz1 switch
        {
            Gz1Task.ES => [v.Elliptical, v.Spiral],
            Gz1Task.ERL => [v.Elliptical, v.Clockwise, v.Anticlockwise],
            Gz1Task.MG => [v.Total - v.Merger, v.Merger],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
        var sum = counts.Sum();
        return sum > 0 ? [.. counts.Select(c => c / sum)] : [.. counts.Select(_ => 1.0 / counts.Length)];
    }

    /// <summary>Largest minus second-largest of <paramref name="distribution"/> (1 for a single class).</summary>
    public static double Of(IReadOnlyList<double> distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        double first = double.NegativeInfinity, second = double.NegativeInfinity;
        foreach (var p in distribution)
            if (p > first) (first, second) = (p, first);
            else if (p > second) second = p;
        return double.IsNegativeInfinity(second) ? 1 : first - second;
    }
}
