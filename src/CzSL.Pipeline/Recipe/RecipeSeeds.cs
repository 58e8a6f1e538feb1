using CzSL.Data;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// The one seed rule of every CzSL run: a run's seeds derive from the master seed, the repeat (a split, or a paper
/// fold), the scenario and the execution (a fresh initialisation on the same split; 0 unless a protocol repeats
/// trainings); each stage gets its own seed and its own validation-split seed. Variants of a stage (e.g. expert
/// training with and without transfer) share its seeds, so ablations differ only by their switches.
/// </summary>
public readonly record struct RecipeSeeds(long Base)
{
    /// <summary>Seeds of repeat <paramref name="repeat"/> shared by every scenario (the autoencoder's).</summary>
    public static RecipeSeeds ForRepeat(int master, int repeat) => new(master + 1000L * repeat);

    /// <summary>Seeds of <paramref name="scenario"/> in repeat <paramref name="repeat"/>, execution <paramref name="execution"/>.</summary>
    public static RecipeSeeds For(int master, int repeat, Scenario scenario, int execution = 0) =>
        new(ForRepeat(master, repeat).Base + 100L * (scenario.SeedSlot + 1) + 1_000_000L * execution);

    /// <summary>The training seed of <paramref name="stage"/> (weights, batch order, augmentation, dropout; the transfer model's).</summary>
    public long Training(RecipeStage stage) => Base + 10L * (int)stage;

    /// <summary>The seed of <paramref name="stage"/>'s train/validation split (and resampling).</summary>
    public ulong Split(RecipeStage stage) => (ulong)(Training(stage) + 5);
}
