using System.Diagnostics;
using CzSL.Data.Labels;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// The amateur set relabelled by the label transfer, the fitted transfer (null when no expert-labelled galaxy has votes
/// to learn from: the amateur labels are kept), and the wall time.
/// </summary>
public sealed record TransferOutcome(LabelledSet Relabelled, TransferredLabeller? Labeller, double Seconds);

/// <summary>
/// CzSL stage 3: a small model learns from the expert-labelled galaxies how experts read the volunteers' vote
/// fractions, then relabels the amateur set. Galaxies without votes keep their amateur label.
/// </summary>
public static class LabelTransfer
{
    /// <summary>
    /// Fits <see cref="RecipeOptions.Transfer"/> and relabels <paramref name="data"/>'s transferable set; without votes on
    /// any expert-labelled galaxy there is nothing to learn from: the amateur labels are kept and the context is told.
    /// </summary>
    public static TransferOutcome Run(RecipeOptions options, RecipeContext context, RecipeData data, RecipeSeeds seeds)
    {
        var clock = Stopwatch.StartNew();
        var set = data.Transferable ?? data.Amateur;
        var labelled = data.TransferLabelled ?? data.Expert.Indices.Select(context.Record).Where(r => r.Votes is not null).ToList();
        if (labelled.Count == 0)
        {
            context.Note?.Invoke($"label transfer ({data.Scenario}): no expert-labelled galaxy has volunteer votes to learn from; " +
                                 "the amateur labels are kept (the transfer is skipped)");
            return new TransferOutcome(set, null, clock.Elapsed.TotalSeconds);
        }
        var method = options.Transfer.Create((ulong)seeds.Training(RecipeStage.LabelTransfer));
        var labeller = TransferredLabeller.Fit(method, labelled, data.Scenario, options.TransferThresholdRule);

        var withVotes = Enumerable.Range(0, set.Count).Where(k => context.Record(set.Indices[k]).Votes is not null).ToArray();
        var relabelled = labeller.Relabel(withVotes.Select(k => context.Record(set.Indices[k])).ToList());
        var labels = (int[])set.Labels.Clone();
        var targets = (float[][])set.Targets.Clone();
        for (var j = 0; j < withVotes.Length; j++)
        {
            var k = withVotes[j];
            labels[k] = relabelled[j].ClassIndex;
            targets[k] = options.SoftTransfer ? Distribution(relabelled[j].Probabilities) : AmateurLabel.OneHot(relabelled[j].ClassIndex, data.ClassCount).Target;
        }
        return new TransferOutcome(new LabelledSet(set.Indices, labels, targets), labeller, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A soft target from a transfer's probabilities: rescaled to sum to 1 (a multilabel model's columns are independent).</summary>
    private static float[] Distribution(float[] probabilities)
    {
        var sum = probabilities.Sum();
        return sum > 0 ? probabilities.Select(p => p / sum).ToArray() : probabilities.Select(_ => 1f / probabilities.Length).ToArray();
    }
}
