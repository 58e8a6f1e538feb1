using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Recipe;

namespace CzSL.Pipeline.Comparison;

/// <summary>The classical ML.NET baselines of a comparison.</summary>
public sealed record BaselineSettings
{
    /// <summary>Trainers to run (empty: no baselines).</summary>
    public IReadOnlyList<ClassicalTrainer> Trainers { get; init; } = [ClassicalTrainer.Sdca, ClassicalTrainer.Lbfgs, ClassicalTrainer.LightGbm, ClassicalTrainer.FastForest];
    /// <summary>Side of the downsampled raw-pixel features.</summary>
    public int PixelSize { get; init; } = 16;
    /// <summary>Most amateur-labelled galaxies a baseline trains on (a seeded, stratified subsample keeps them fast).</summary>
    public int MaxAmateurRows { get; init; } = 3000;
}

/// <summary>
/// A comparison run: the recipe's options, the scenarios, how many repeats (splits × seeds), the share of
/// expert-labelled galaxies tested, the master seed and the classical baselines. Same settings → same results on CPU.
/// </summary>
public sealed record ExperimentSettings
{
    /// <summary>How CzSL and its ablations train.</summary>
    public RecipeOptions Recipe { get; init; } = new();
    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Repeats (each with its own split and seeds).</summary>
    public int Repeats { get; init; } = 3;
    /// <summary>Share of the expert-labelled galaxies held out for testing in each repeat.</summary>
    public double TestFraction { get; init; } = 2.0 / 3;
    /// <summary>Master seed (<see cref="RecipeSeeds"/> derives every other).</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Classical baselines.</summary>
    public BaselineSettings Baselines { get; init; } = new();
}
