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
    /// <summary>Images: the largest normalised predictive entropy of a trained CNN (<see cref="CnnSelector"/>).</summary>
    CnnEntropy,
    /// <summary>Images: the CNN's smallest margin between its two most probable classes.</summary>
    CnnMargin,
    /// <summary>Images, diversity-aware: CNN entropy times the distance in the CNN's embedding space to the nearest galaxy already labelled or picked, greedily.</summary>
    CnnHybrid,
    /// <summary>
    /// Images, BALD (Houlsby et al. 2011): the largest MC-dropout mutual information of a CNN exported with
    /// <c>--mc-dropout</c> — the galaxies whose dropout samples disagree most, where an expert label tells the network most.
    /// </summary>
    CnnBald,
}

/// <summary>The strategies' names on the command line and in reports, parsed and written in one place.</summary>
public static class ActiveStrategies
{
    private static readonly (ActiveStrategy Strategy, string Name)[] Names =
    [
        (ActiveStrategy.FirstRows, "first-rows"), (ActiveStrategy.Random, "random"), (ActiveStrategy.VoteMargin, "vote-margin"),
        (ActiveStrategy.Uncertainty, "uncertainty"), (ActiveStrategy.Committee, "committee"), (ActiveStrategy.Diversity, "diversity"),
        (ActiveStrategy.CnnEntropy, "cnn-entropy"), (ActiveStrategy.CnnMargin, "cnn-margin"), (ActiveStrategy.CnnHybrid, "cnn-hybrid"),
        (ActiveStrategy.CnnBald, "cnn-bald"),
    ];

    /// <summary>Every strategy, in report order.</summary>
    public static IReadOnlyList<ActiveStrategy> All { get; } = [.. Names.Select(n => n.Strategy)];

    /// <summary>The strategies that read only the manifest (votes, expert labels): those <see cref="ActiveBenchmark"/> can run on the paper's tables.</summary>
    public static IReadOnlyList<ActiveStrategy> WithoutImages { get; } = [.. All.Where(s => !s.NeedsImages())];

    /// <summary>The strategy's name (e.g. <c>vote-margin</c>).</summary>
    public static string Name(this ActiveStrategy strategy) => Names.Single(n => n.Strategy == strategy).Name;

    /// <summary>True when the strategy needs a fitted transfer model, i.e. expert labels of every class.</summary>
    public static bool NeedsModel(this ActiveStrategy strategy) =>
        strategy is ActiveStrategy.Uncertainty or ActiveStrategy.Committee or ActiveStrategy.Diversity;

    /// <summary>True when the strategy scores the galaxies' images with a trained CNN (a model card) instead of reading their votes.</summary>
    public static bool NeedsImages(this ActiveStrategy strategy) =>
        strategy is ActiveStrategy.CnnEntropy or ActiveStrategy.CnnMargin or ActiveStrategy.CnnHybrid or ActiveStrategy.CnnBald;

    /// <summary>The strategy named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static ActiveStrategy Parse(string name)
    {
        foreach (var (strategy, text) in Names)
            if (string.Equals(text, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return strategy;
        throw new ArgumentException($"Unknown active-learning strategy '{name}'; expected one of: {string.Join(", ", Names.Select(n => n.Name))}.");
    }

    /// <summary>As <see cref="Parse"/>, for a use without images: a strategy that <see cref="NeedsImages"/> is refused.</summary>
    /// <exception cref="ArgumentException">Unknown name, or a strategy that needs images; the message lists the valid ones.</exception>
    public static ActiveStrategy ParseWithoutImages(string name)
    {
        var strategy = Parse(name);
        return strategy.NeedsImages()
            ? throw new ArgumentException($"Strategy '{strategy.Name()}' scores images with a CNN; here only these run: {string.Join(", ", WithoutImages.Select(s => s.Name()))}.")
            : strategy;
    }
}
