using CzSL.Data.Splits;
using CzSL.Pipeline.Recipe;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// The paper's validation rule: each training set (after ROS / RUS for MG, seeded) trains on its first 70% rows in
/// file order and validates on the rest, with the reference code's truncation (<see cref="PaperSplit.TrainValidation"/>);
/// fine-tuning splits L ∪ transferred A as one set.
/// </summary>
public sealed class PaperValidation(PaperSampling sampling) : ValidationSplit
{
    /// <inheritdoc />
    public override (int[] Train, int[] Validation) Autoencoder(IReadOnlyList<int> images)
    {
        var rows = images.ToArray();
        var (train, validation) = PaperSplit.TrainValidation(rows.Length);
        return (rows[train], rows[validation]);
    }

    /// <inheritdoc />
    public override (LabelledSet Train, LabelledSet Validation) Labelled(LabelledSet set, RecipeStage stage, ulong seed)
    {
        var order = sampling switch
        {
            PaperSampling.Ros => Resampling.RandomOverSample(set.Labels, seed),
            PaperSampling.Rus => Resampling.RandomUnderSample(set.Labels, seed),
            _ => Enumerable.Range(0, set.Count).ToArray(),
        };
        var (train, validation) = PaperSplit.TrainValidation(order.Length);
        return (set.Take(order[train]), set.Take(order[validation]));
    }

    /// <inheritdoc />
    public override (LabelledSet Train, LabelledSet Validation) FineTuning(LabelledSet expert, LabelledSet transferred, ulong seed) =>
        Labelled(expert.Concat(transferred), RecipeStage.ExpertFineTuning, seed);
}
