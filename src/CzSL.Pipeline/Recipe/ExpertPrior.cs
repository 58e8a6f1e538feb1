using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// Prior shift between the amateur pool and the expert set: the class balance of L (Laplace-smoothed) and the loss
/// weights w_c = π_L(c) / π_train(c) that make a training set's weighted class balance equal L's.
/// </summary>
public static class ExpertPrior
{
    /// <summary>The expert set's class prior, (n_c + 1) / (n + C).</summary>
    public static double[] Of(LabelledSet expert, int classCount)
    {
        var counts = new double[classCount];
        foreach (var label in expert.Labels) counts[label]++;
        return counts.Select(n => (n + 1) / (expert.Count + (double)classCount)).ToArray();
    }

    /// <summary>
    /// Per-class loss weights moving <paramref name="train"/>'s class balance (target totals) to <paramref name="prior"/>,
    /// normalised to a weighted mean of 1 over the training set; a class absent from the training set gets weight 0.
    /// </summary>
    public static float[] Weights(LabelledSet train, double[] prior)
    {
        var totals = new double[prior.Length];
        foreach (var row in train.Targets)
            for (var c = 0; c < prior.Length; c++) totals[c] += row[c];
        var n = totals.Sum();
        var raw = prior.Select((p, c) => totals[c] > 0 ? p / (totals[c] / n) : 0).ToArray();
        var mean = raw.Select((w, c) => w * totals[c]).Sum() / n;
        return raw.Select(w => (float)(w / mean)).ToArray();
    }

    /// <summary>
    /// <paramref name="settings"/> with the prior-matching weights of <paramref name="train"/> when the preset matches the
    /// expert prior and does not balance the classes instead.
    /// </summary>
    public static ClassifierStageOptions Apply(ClassifierStageOptions settings, RecipeOptions options, LabelledSet train, LabelledSet expert, int classCount) =>
        IsMatched(options, settings.Balance, expert)
            ? settings with { ClassWeights = Weights(train, Of(expert, classCount)) }
            : settings;

    /// <summary>
    /// True when a stage whose classes are balanced by <paramref name="balance"/> is weighted to the prior of
    /// <paramref name="expert"/>: the preset matches the expert prior, does not balance the classes instead, and there are expert labels.
    /// </summary>
    public static bool IsMatched(RecipeOptions options, ClassBalance balance, LabelledSet expert) =>
        options.Preset.MatchExpertPrior && balance == ClassBalance.None && expert.Count > 0;
}
