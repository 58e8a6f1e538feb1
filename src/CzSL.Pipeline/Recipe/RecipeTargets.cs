using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>Training targets of a labelled set (an empty set gives empty targets).</summary>
internal static class RecipeTargets
{
    public static ClassTargets Of(LabelledSet set, int classCount) =>
        set.Count == 0 ? ClassTargets.Hard([], classCount) : ClassTargets.Soft(set.Targets);

    /// <exception cref="InvalidDataException">The training part is empty.</exception>
    public static void RequireTraining(LabelledSet train, string what)
    {
        if (train.Count == 0) throw new InvalidDataException($"{what}: no galaxy left to train on (the set is too small to split off a validation part).");
    }
}
