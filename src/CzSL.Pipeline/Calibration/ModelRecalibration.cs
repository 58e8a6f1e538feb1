using System.Globalization;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.Pipeline.Export;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Calibration;

/// <summary>A recalibrated model: the refit, the source card, and the run folder written (weights, config, new T, training record).</summary>
/// <param name="Refit">Temperatures and scores.</param>
/// <param name="Source">The released model's card.</param>
/// <param name="Record">The training record written beside the weights (what <c>czsl export</c> puts on the card).</param>
/// <param name="Folder">The run folder.</param>
public sealed record RecalibratedModel(TemperatureRefit Refit, ModelCard Source, TrainingRunRecord Record, string Folder);

/// <summary>
/// Refits a released model's temperature on a user's own expert-labelled galaxies (another survey or framing) without
/// touching its weights: the images of the galaxies with the task's expert label are decoded with the network's own
/// preprocessing, their logits computed and <see cref="TemperatureRefit"/> fitted; the network with the new
/// temperature is saved as a run folder that <c>czsl export</c> turns into ONNX + card. Everything is computed before
/// anything is written, so a refused input writes nothing.
/// </summary>
public static class ModelRecalibration
{
    /// <summary>The recipe stage name in the run's training record.</summary>
    public const string Stage = "Recalibration";

    /// <summary>
    /// Recalibrates the classifier released as <paramref name="cardPath"/> (TorchSharp weights in
    /// <paramref name="networkFolder"/>) on <paramref name="manifest"/>'s expert labels of <paramref name="scenario"/>,
    /// and saves it into <paramref name="outFolder"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The card is not a classifier of <paramref name="scenario"/>'s classes, or the
    /// dataset has fewer than <see cref="TemperatureRefit.MinimumGalaxies"/> expert labels of it, or one class only.</exception>
    /// <exception cref="InvalidDataException">The card's temperature differs from its weights folder's.</exception>
    public static RecalibratedModel Run(string cardPath, string networkFolder, DatasetManifest manifest, Scenario scenario, string outFolder,
        ulong seed, IProgress<(int Done, int Total)>? decoding = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(scenario);
        var card = ModelCard.Load(cardPath);
        var cardName = Path.GetFileName(cardPath);
        var classes = ScenarioClasses.Of(scenario);
        if (card.Kind != ModelKind.Classifier || !card.ClassNames.SequenceEqual(classes, StringComparer.Ordinal))
            throw new ArgumentException($"{cardName} classifies [{string.Join(", ", card.ClassNames)}], not task {scenario}'s classes " +
                                        $"[{string.Join(", ", classes)}]: recalibrate a model on its own task's expert labels.");
        var (rows, labels) = ExpertLabelled(manifest, scenario);
        using var network = ModelFiles.LoadClassifier(networkFolder);
        if (network.Config.ClassCount != classes.Count)
            throw new ArgumentException($"The network in {networkFolder} has {network.Config.ClassCount} outputs; its card {cardName} names {classes.Count} classes.");
        if (Math.Abs(network.Temperature - (card.Temperature ?? 1)) > 1e-9 * network.Temperature)
            throw new InvalidDataException($"{cardName} says temperature {card.Temperature ?? 1:G6} but its weights folder {networkFolder} has {network.Temperature:G6}: the two were not released together.");

        var store = ImageStore.Decode(manifest, network.Config.Preprocessing, rows, decoding, cancellation);
        cancellation.ThrowIfCancellationRequested();
        var logits = ClassifierStage.Logits(network, store, Enumerable.Range(0, rows.Length).ToArray());
        var refit = TemperatureRefit.Fit(logits, labels, network.Temperature, seed);

        var record = Record(card, cardName, refit, scenario, Path.GetFileName(manifest.Folder));
        network.Temperature = refit.Temperature;
        ModelFiles.Save(outFolder, network, network.Config);
        record.Write(outFolder);
        return new RecalibratedModel(refit, card, record, Path.GetFullPath(outFolder));
    }

    /// <summary>The manifest rows with an expert label of <paramref name="scenario"/> and their class indices.</summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="TemperatureRefit.MinimumGalaxies"/>, or a single class.</exception>
    private static (int[] Rows, int[] Labels) ExpertLabelled(DatasetManifest manifest, Scenario scenario)
    {
        var labelled = manifest.Records.Select((r, i) => (Row: i, Label: ScenarioLabels.ExpertIndex(r, scenario)))
            .Where(x => x.Label is not null).Select(x => (x.Row, Label: x.Label!.Value)).ToArray();
        var (column, present) = manifest.ExpertColumn(scenario);
        var need = $"a temperature refit needs at least {TemperatureRefit.MinimumGalaxies} expert-labelled galaxies of two classes or more";
        if (labelled.Length == 0)
            throw new ArgumentException(present
                ? $"{manifest.ManifestPath}: no galaxy has an expert {scenario} label (column {column} is empty); {need}."
                : $"{manifest.ManifestPath}: no column {column}, so no expert {scenario} labels; {need}.");
        if (labelled.Length < TemperatureRefit.MinimumGalaxies)
            throw new ArgumentException($"{manifest.ManifestPath}: only {labelled.Length} galaxies have an expert {scenario} label (column {column}); {need}.");
        if (labelled.Select(x => x.Label).Distinct().Count() < 2)
            throw new ArgumentException($"{manifest.ManifestPath}: all {labelled.Length} expert {scenario} labels (column {column}) are '{ScenarioClasses.Of(scenario)[labelled[0].Label]}'; {need}.");
        return (labelled.Select(x => x.Row).ToArray(), labelled.Select(x => x.Label).ToArray());
    }

    private static TrainingRunRecord Record(ModelCard card, string cardName, TemperatureRefit refit, Scenario scenario, string dataset)
    {
        var trainingData = new Dictionary<string, long>(card.TrainingData, StringComparer.Ordinal) { ["recalibration_labelled"] = refit.Count };
        var metrics = card.Metrics.Where(m => m.Key != "onnx_parity_max_abs_diff").ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        metrics["recalibration_temperature_before"] = refit.ModelTemperature;
        metrics["recalibration_nll_before"] = refit.Before.NegativeLogLikelihood;
        metrics["recalibration_nll_after"] = refit.After.NegativeLogLikelihood;
        metrics["recalibration_ece_before"] = refit.Before.ExpectedCalibrationError;
        metrics["recalibration_ece_after"] = refit.After.ExpectedCalibrationError;
        metrics["recalibration_crossfit_nll_before"] = refit.CrossFittedBefore.NegativeLogLikelihood;
        metrics["recalibration_crossfit_nll_after"] = refit.CrossFittedAfter.NegativeLogLikelihood;
        metrics["recalibration_crossfit_ece_before"] = refit.CrossFittedBefore.ExpectedCalibrationError;
        metrics["recalibration_crossfit_ece_after"] = refit.CrossFittedAfter.ExpectedCalibrationError;
        return new TrainingRunRecord(scenario.Name(), Stage, trainingData, metrics)
        {
            About = About(card.About, cardName, refit, scenario, dataset),
            TrainingPrior = card.TrainingPrior,
            DecisionThreshold = card.DecisionThreshold is { } threshold
                ? TemperatureRefit.MoveThreshold(threshold, refit.ModelTemperature, refit.Temperature)
                : null,
        };
    }

    // The source card's description, licence and citation, with what the recalibration changed and measured.
    private static ModelAbout About(ModelAbout? source, string cardName, TemperatureRefit r, Scenario scenario, string dataset)
    {
        var c = CultureInfo.InvariantCulture;
        var kept = r.AtBound ? ", the fit hit a bound of the search so the model's T was kept" : "";
        var what = string.Create(c, $"Recalibrated by czsl recalibrate: the temperature of {cardName} was refitted on the {r.Count} galaxies ") +
                   string.Create(c, $"with an expert {scenario} label in the dataset '{dataset}' (T {r.ModelTemperature:0.###} → {r.Temperature:0.###}{kept}); ") +
                   "the weights are those of the source model, unchanged.";
        var measured = string.Create(c, $"Temperature refit on {r.Count} galaxies of '{dataset}': 2-fold cross-fitted (T fitted on one stratified half, ") +
                       string.Create(c, $"scored on the other) ECE {r.CrossFittedBefore.ExpectedCalibrationError:0.000} → {r.CrossFittedAfter.ExpectedCalibrationError:0.000}, ") +
                       string.Create(c, $"NLL {r.CrossFittedBefore.NegativeLogLikelihood:0.000} → {r.CrossFittedAfter.NegativeLogLikelihood:0.000} (recalibration_* metrics). ") +
                       "Other metrics are the source model's: the temperature changes no argmax (and a binary threshold is moved to keep its decisions).";
        var limitation = string.Create(c, $"The temperature was fitted on only {r.Count} labelled galaxies of '{dataset}': it makes probabilities honest for data like those, ") +
                         "not for the source model's training data, and with few labels it is itself uncertain.";
        return new ModelAbout
        {
            TrainedOn = source is null ? $"{cardName}'s card does not say. {what}" : $"{source.TrainedOn} {what}",
            IntendedUse = source?.IntendedUse ?? "Research: galaxy image classification; check it on labelled data of your own before relying on it.",
            Limitations = [.. source?.Limitations ?? [], limitation],
            Evaluation = source?.Evaluation is { } evaluation ? $"{evaluation} {measured}" : measured,
            Citation = source?.Citation ?? ModelAbout.CzslCitation,
            License = source is null ? ModelAbout.ProjectLicense : source.License,
            DataTerms = source?.DataTerms,
        };
    }
}
