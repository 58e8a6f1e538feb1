using CzSL.MLNet.Scoring;

namespace CzSL.Pipeline.Active;

/// <summary>A galaxy a CNN scored: its position in the pool and the prediction for its image.</summary>
/// <param name="Index">Position in the pool (e.g. the manifest row).</param>
/// <param name="Prediction">The CNN's prediction (scored: <see cref="GalaxyPrediction.Scored"/>).</param>
public sealed record CnnCandidate(int Index, GalaxyPrediction Prediction);

/// <summary>Points of galaxy images in a space where distance means dissimilarity (e.g. a CNN's embedding).</summary>
public interface IImageEmbedding
{
    /// <summary>The point of each image (full paths), in order.</summary>
    IReadOnlyList<float[]> Embed(IReadOnlyList<string> imagePaths);
}

/// <summary>
/// Chooses galaxies for the experts from a trained CNN's predictions on their images: <see cref="ActiveStrategy.CnnEntropy"/>
/// (largest normalised predictive entropy first), <see cref="ActiveStrategy.CnnMargin"/> (smallest margin between the two
/// most probable classes first) and <see cref="ActiveStrategy.CnnHybrid"/> (among the most uncertain
/// <c><see cref="ActiveSelectorOptions.DiversityCandidatesPerPick"/> × count</c>, greedily the largest entropy × distance
/// to the nearest galaxy already labelled or picked, in an <see cref="IImageEmbedding"/>) and <see cref="ActiveStrategy.CnnBald"/>
/// (largest MC-dropout mutual information <see cref="GalaxyPrediction.Epistemic"/> first: the mean KL divergence of the
/// dropout samples from their mean, reported as the pick's disagreement).
/// Equal scores are ordered by a random permutation of the candidates drawn from the seed: the same seed gives the same
/// picks, another seed reorders only galaxies whose scores tie.
/// </summary>
public sealed class CnnSelector(ActiveSelectorOptions? options = null)
{
    private readonly ActiveSelectorOptions _options = options ?? new ActiveSelectorOptions();

    /// <summary>
    /// The next <paramref name="count"/> of <paramref name="candidates"/> (fewer when there are fewer) by
    /// <paramref name="strategy"/>, best first. <see cref="ActiveStrategy.CnnHybrid"/> needs <paramref name="embedding"/>
    /// and the images of the galaxies already labelled (<paramref name="labelledImages"/>, none is fine).
    /// </summary>
    /// <exception cref="ArgumentException">Not a CNN strategy; hybrid without an embedding; BALD on predictions without
    /// <see cref="GalaxyPrediction.Epistemic"/>; a candidate that was not scored.</exception>
    /// <exception cref="InvalidDataException">The CNN gave a candidate non-finite probabilities.</exception>
    public IReadOnlyList<ActivePick> Next(IReadOnlyList<CnnCandidate> candidates, int count, ActiveStrategy strategy, ulong seed,
        IImageEmbedding? embedding = null, IReadOnlyList<string>? labelledImages = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!strategy.NeedsImages())
            throw new ArgumentException($"Strategy {strategy.Name()} does not rank CNN predictions: use {nameof(ActiveSelector)}.", nameof(strategy));
        if (strategy == ActiveStrategy.CnnHybrid && embedding is null)
            throw new ArgumentException($"{strategy.Name()} measures distances in an embedding: give one.", nameof(embedding));
        foreach (var c in candidates)
        {
            if (!c.Prediction.Scored) throw new ArgumentException($"Galaxy {c.Prediction.Id} was not scored: {c.Prediction.Error}", nameof(candidates));
            if (double.IsNaN(c.Prediction.Uncertainty))
                throw new InvalidDataException($"The CNN gave galaxy {c.Prediction.Id} ({c.Prediction.ImagePath}) non-finite probabilities.");
            if (strategy != ActiveStrategy.CnnBald) continue;
            if (c.Prediction.Epistemic is not { } mi)
                throw new ArgumentException($"{strategy.Name()} ranks MC-dropout mutual information, and galaxy {c.Prediction.Id} has none: export the model with --mc-dropout.", nameof(candidates));
            if (!float.IsFinite(mi))
                throw new InvalidDataException($"The CNN gave galaxy {c.Prediction.Id} ({c.Prediction.ImagePath}) a non-finite mutual information.");
        }
        count = Math.Min(count, candidates.Count);
        if (count == 0) return [];
        var tie = TieOrder(candidates.Count, seed);
        var entropy = candidates.Select(c => c.Prediction.Uncertainty).ToArray();
        return strategy switch
        {
            ActiveStrategy.CnnEntropy => Ranked(candidates, Enumerable.Range(0, candidates.Count).OrderByDescending(k => entropy[k]).ThenBy(k => tie[k]), count, strategy),
            ActiveStrategy.CnnMargin => Ranked(candidates, Enumerable.Range(0, candidates.Count).OrderBy(k => Margin(candidates[k])).ThenBy(k => tie[k]), count, strategy),
            ActiveStrategy.CnnBald => Ranked(candidates, Enumerable.Range(0, candidates.Count).OrderByDescending(k => candidates[k].Prediction.Epistemic!.Value).ThenBy(k => tie[k]), count, strategy),
            _ => Hybrid(candidates, entropy, tie, count, embedding!, labelledImages ?? []),
        };
    }

    private IReadOnlyList<ActivePick> Hybrid(IReadOnlyList<CnnCandidate> candidates, double[] entropy, int[] tie, int count,
        IImageEmbedding embedding, IReadOnlyList<string> labelledImages)
    {
        var shortlist = Enumerable.Range(0, candidates.Count).OrderByDescending(k => entropy[k]).ThenBy(k => tie[k])
            .Take(Math.Max(count, count * _options.DiversityCandidatesPerPick)).ToArray();
        var points = embedding.Embed([.. shortlist.Select(k => candidates[k].Prediction.ImagePath)]);
        var labelled = labelledImages.Count == 0 ? [] : embedding.Embed(labelledImages);
        var chosen = GreedyDiversity.Pick([.. shortlist.Select(k => entropy[k])], points, labelled, count).Select(s => shortlist[s]);
        return Ranked(candidates, chosen, count, ActiveStrategy.CnnHybrid);
    }

    private static IReadOnlyList<ActivePick> Ranked(IReadOnlyList<CnnCandidate> candidates, IEnumerable<int> order, int count, ActiveStrategy strategy) =>
        [.. order.Take(count).Select((k, rank) => Pick(candidates[k], strategy, rank + 1))];

    private static ActivePick Pick(CnnCandidate candidate, ActiveStrategy strategy, int rank)
    {
        var prediction = candidate.Prediction;
        double current = prediction.Probabilities[prediction.PredictedIndex];
        return new ActivePick(candidate.Index, prediction.Id, strategy, rank, current, Margin(candidate),
            strategy == ActiveStrategy.CnnBald ? prediction.Epistemic : null, 1 - current, prediction.Uncertainty);
    }

    private static double Margin(CnnCandidate candidate) => VoteMargin.Of([.. candidate.Prediction.Probabilities.Select(p => (double)p)]);

    /// <summary>Each candidate's position in a random permutation drawn from <paramref name="seed"/>: the tie-break key.</summary>
    private static int[] TieOrder(int count, ulong seed)
    {
        var permutation = ActiveSelector.Shuffled([.. Enumerable.Range(0, count)], seed);
        var position = new int[count];
        for (var i = 0; i < count; i++) position[permutation[i]] = i;
        return position;
    }
}
