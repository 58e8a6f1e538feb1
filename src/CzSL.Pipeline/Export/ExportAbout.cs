using CzSL.Data;
using CzSL.Data.Models;

namespace CzSL.Pipeline.Export;

/// <summary>The human part of the card <c>czsl export</c> writes for a user's own training run.</summary>
public static class ExportAbout
{
    /// <summary>
    /// About a network trained by <c>czsl train</c> for <paramref name="scenario"/> (null: an encoder), filled from the
    /// run's <paramref name="run"/> record when there is one; licence <see cref="ModelAbout.ProjectLicense"/>. A record
    /// that carries its own <see cref="TrainingRunRecord.About"/> (a recalibrated released model) gives that.
    /// </summary>
    public static ModelAbout Of(Scenario? scenario, TrainingRunRecord? run)
    {
        if (run?.About is { } own) return own;
        var task = scenario is { } s ? string.Join(" / ", ScenarioClasses.Of(s)) + " classification" : "image features (encoder)";
        var trainedOn = run is null
            ? "Not recorded: the model folder has no training record (trained before czsl train wrote one)."
            : $"czsl train, stage {run.Stage}: {Count(run, "train_images")} training images, {Count(run, "validation_images")} held out for validation.";
        return new ModelAbout
        {
            TrainedOn = trainedOn,
            IntendedUse = $"Research: {task} of galaxy images framed and sized like the training images; check it on labelled data of your own before relying on it.",
            Limitations =
            [
                "Metrics, when present, are from the run's own validation split, not an independent test set.",
                "Inputs are downscaled by nearest-pixel picking (ML.NET's ResizeImages) to the network's size; other framings or surveys shift the inputs.",
            ],
            Evaluation = run is null || run.Metrics.Count == 0 ? null : "Validation split of the training run, at its best epoch.",
            Citation = ModelAbout.CzslCitation,
            License = ModelAbout.ProjectLicense,
        };
    }

    private static string Count(TrainingRunRecord run, string key) => run.TrainingData.TryGetValue(key, out var n) ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "?";
}
