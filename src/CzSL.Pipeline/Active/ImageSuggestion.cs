using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.MLNet.Scoring;

namespace CzSL.Pipeline.Active;

/// <summary>
/// The galaxies to send to experts next by a trained CNN's uncertainty on their images (<see cref="CnnSelector"/>),
/// and what could not be scored.
/// </summary>
/// <param name="Suggestion">The picks (never a fallback: <see cref="Suggestion.Asked"/> = <see cref="Suggestion.Used"/>).</param>
/// <param name="Candidates">Galaxies without the scenario's expert label that have an image.</param>
/// <param name="WithoutImage">Galaxies without the scenario's expert label and without an image: not candidates.</param>
/// <param name="Unreadable">Images that could not be read (candidates, and for <see cref="ActiveStrategy.CnnHybrid"/> labelled
/// galaxies): each with its error naming the file and manifest line; none of them is picked or used.</param>
public sealed record ImageSuggestion(Suggestion Suggestion, int Candidates, int WithoutImage, IReadOnlyList<GalaxyPrediction> Unreadable)
{
    /// <summary>
    /// Scores the images of <paramref name="manifest"/>'s galaxies that lack <paramref name="scenario"/>'s expert label
    /// with the classifier card at <paramref name="cardPath"/> (ONNX Runtime, as <c>czsl predict</c>) and picks the next
    /// <paramref name="budget"/> by <paramref name="strategy"/>. Votes are not read. <see cref="ActiveStrategy.CnnHybrid"/>
    /// also embeds the labelled galaxies' images, to stay away from them.
    /// </summary>
    /// <exception cref="ArgumentException">Not a CNN strategy.</exception>
    /// <exception cref="ModelCardException">The card is invalid, or its classes are not the scenario's.</exception>
    /// <exception cref="InvalidDataException">Unlabelled galaxies exist but none has an image, or none of their images can be read.</exception>
    public static ImageSuggestion For(DatasetManifest manifest, Scenario scenario, int budget, ActiveStrategy strategy, ulong seed,
        string cardPath, ScoringDevice device = ScoringDevice.Auto, ActiveSelectorOptions? options = null,
        IProgress<PredictionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        if (!strategy.NeedsImages())
            throw new ArgumentException($"Strategy {strategy.Name()} reads the votes, not images: use {nameof(Suggestion)}.{nameof(Suggestion.For)}.", nameof(strategy));
        using var predictor = new GalaxyPredictor(cardPath, device);
        var classes = ScenarioClasses.Of(scenario);
        if (!predictor.Card.ClassNames.SequenceEqual(classes, StringComparer.OrdinalIgnoreCase))
            throw new ModelCardException(cardPath, "classNames",
                $"[{string.Join(", ", predictor.Card.ClassNames)}] are not scenario {scenario}'s classes [{string.Join(", ", classes)}]: suggest with a model trained for {scenario}.");
        if (strategy == ActiveStrategy.CnnBald && predictor.Card.MonteCarloDropout is null)
            throw new ModelCardException(cardPath, "monteCarloDropout",
                $"{strategy.Name()} needs the model's MC-dropout outputs: export it with --mc-dropout S (e.g. czsl export --run DIR --mc-dropout 30).");
        using var embedding = strategy == ActiveStrategy.CnnHybrid ? new CnnEmbedding(cardPath, device) : null;

        var records = manifest.Records;
        var unlabelled = Enumerable.Range(0, records.Count).Where(i => records[i].Expert(scenario) is null).ToArray();
        var candidates = unlabelled.Where(i => records[i].Image is not null).ToArray();
        if (unlabelled.Length > 0 && candidates.Length == 0)
            throw new InvalidDataException($"None of the {unlabelled.Length} galaxies without a {scenario} expert label has an image ({ManifestColumns.Image} column of {manifest.ManifestPath}).");
        var labelled = strategy == ActiveStrategy.CnnHybrid
            ? Enumerable.Range(0, records.Count).Where(i => records[i].Expert(scenario) is not null && records[i].Image is not null).ToArray()
            : [];
        var scored = predictor.PredictBatched([.. candidates.Concat(labelled).Select(i => Input(manifest, i))], progress: progress);

        var unreadable = scored.Where(p => !p.Scored).ToArray();
        var pool = candidates.Select((index, k) => new CnnCandidate(index, scored[k])).Where(c => c.Prediction.Scored).ToArray();
        if (candidates.Length > 0 && pool.Length == 0)
            throw new InvalidDataException($"None of the {candidates.Length} candidate images could be read (first: {unreadable[0].Error}).");
        var labelledImages = scored.Skip(candidates.Length).Where(p => p.Scored).Select(p => p.ImagePath).ToArray();
        var picks = new CnnSelector(options).Next(pool, budget, strategy, seed, embedding, labelledImages);
        var labelledCount = records.Count - unlabelled.Length;
        return new ImageSuggestion(new Suggestion(strategy, strategy, labelledCount, picks), candidates.Length, unlabelled.Length - candidates.Length, unreadable);
    }

    private static ImageInput Input(DatasetManifest manifest, int index)
    {
        var record = manifest.Records[index];
        return new ImageInput(record.Id, manifest.ImagePath(record), $"{manifest.ManifestPath}, line {manifest.LineOf(index)}, column '{ManifestColumns.Image}'");
    }
}
