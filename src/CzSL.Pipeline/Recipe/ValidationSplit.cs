using CzSL.Data.Splits;

namespace CzSL.Pipeline.Recipe;

/// <summary>How the recipe's stages split their data into training and validation parts.</summary>
public abstract class ValidationSplit
{
    /// <summary>Training and validation images of the autoencoder.</summary>
    public abstract (int[] Train, int[] Validation) Autoencoder(IReadOnlyList<int> images);

    /// <summary>Training and validation parts of one labelled set (amateur pre-training, or expert labels alone).</summary>
    public abstract (LabelledSet Train, LabelledSet Validation) Labelled(LabelledSet set, RecipeStage stage, ulong seed);

    /// <summary>Training and validation parts of expert fine-tuning on <paramref name="expert"/> ∪ <paramref name="transferred"/>.</summary>
    public abstract (LabelledSet Train, LabelledSet Validation) FineTuning(LabelledSet expert, LabelledSet transferred, ulong seed);
}

/// <summary>
/// Ours: seeded stratified validation parts (10% of the amateur set, 20% of the expert set); fine-tuning validates on
/// expert labels only (the transferred labels all train); the autoencoder validates on the last 30% of its images.
/// </summary>
public sealed class StratifiedValidation : ValidationSplit
{
    /// <summary>Validation share of amateur pre-training.</summary>
    public const double AmateurFraction = 0.1;
    /// <summary>Validation share of the expert set.</summary>
    public const double ExpertFraction = 0.2;
    /// <summary>Validation share of the autoencoder's images.</summary>
    public const double AutoencoderFraction = 0.3;

    /// <inheritdoc />
    public override (int[] Train, int[] Validation) Autoencoder(IReadOnlyList<int> images)
    {
        var validation = (int)Math.Round(images.Count * AutoencoderFraction);
        return (images.Take(images.Count - validation).ToArray(), images.Skip(images.Count - validation).ToArray());
    }

    /// <inheritdoc />
    public override (LabelledSet Train, LabelledSet Validation) Labelled(LabelledSet set, RecipeStage stage, ulong seed) =>
        Split(set, stage == RecipeStage.AmateurPretraining ? AmateurFraction : ExpertFraction, seed);

    /// <inheritdoc />
    public override (LabelledSet Train, LabelledSet Validation) FineTuning(LabelledSet expert, LabelledSet transferred, ulong seed)
    {
        var (train, validation) = Split(expert, ExpertFraction, seed);
        return (train.Concat(transferred), validation);
    }

    private static (LabelledSet Train, LabelledSet Validation) Split(LabelledSet set, double validationFraction, ulong seed)
    {
        var split = StratifiedSplit.Split(set.Labels, (1 - validationFraction, validationFraction, 0), seed);
        return (set.Take(split.Train), set.Take(split.Validation));
    }
}
