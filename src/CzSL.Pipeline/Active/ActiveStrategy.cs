namespace CzSL.Pipeline.Active;

/// <summary>How the next galaxies for experts are chosen.</summary>
public enum ActiveStrategy
{
    /// <summary>The paper's choice: the first rows of the pool, in file order.</summary>
    FirstRows,
    /// <summary>Uniformly at random (seeded).</summary>
    Random,
    /// <summary>Label-free: the galaxies whose volunteer votes are most balanced between the scenario's two leading classes.</summary>
    VoteMargin,
    /// <summary>The transfer model's smallest margin between its two most probable classes, chosen in batches with refits.</summary>
    Uncertainty,
    /// <summary>Query-by-committee: the largest mean KL divergence of several transfer models from their consensus.</summary>
    Committee,
    /// <summary>Diversity-aware: model entropy times the distance (in vote space) to the nearest galaxy already labelled or picked, greedily.</summary>
    Diversity,
}

/// <summary>The strategies' names on the command line and in reports, parsed and written in one place.</summary>
public static class ActiveStrategies
{
    private static readonly (ActiveStrategy Strategy, string Name)[] Names =
    [
        (ActiveStrategy.FirstRows, "first-rows"), (ActiveStrategy.Random, "random"), (ActiveStrategy.VoteMargin, "vote-margin"),
        (ActiveStrategy.Uncertainty, "uncertainty"), (ActiveStrategy.Committee, "committee"), (ActiveStrategy.Diversity, "diversity"),
    ];

    /// <summary>Every strategy, in report order.</summary>
    public static IReadOnlyList<ActiveStrategy> All { get; } = [.. Names.Select(n => n.Strategy)];

    /// <summary>The strategy's name (e.g. <c>vote-margin</c>).</summary>
    public static string Name(this ActiveStrategy strategy) => Names.Single(n => n.Strategy == strategy).Name;

    /// <summary>True when the strategy needs a fitted transfer model, i.e. expert labels of every class.</summary>
    public static bool NeedsModel(this ActiveStrategy strategy) =>
        strategy is ActiveStrategy.Uncertainty or ActiveStrategy.Committee or ActiveStrategy.Diversity;

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static ActiveStrategy Parse(string name)
    {
        foreach (var (strategy, text) in Names)
            if (string.Equals(text, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return strategy;
        throw new ArgumentException($"Unknown active-learning strategy '{name}'; expected one of: {string.Join(", ", Names.Select(n => n.Name))}.");
    }
}
