using System.Diagnostics;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>CzSL stage 2: a CNN, initialised from the autoencoder's encoder (or at random), learns from the amateur labels.</summary>
public static class AmateurPretraining
{
    /// <summary>The stage folder of <paramref name="data"/>'s scenario, from the encoder or from random weights.</summary>
    public static string Folder(RecipeData data, bool fromEncoder) =>
        RecipeStageNames.Folder(RecipeStage.AmateurPretraining, data.Scenario, fromEncoder ? null : CzslMethod.NoAutoencoder.Name());

    /// <summary>Trains on <paramref name="data"/>'s amateur labels and saves the network into the stage folder <paramref name="folderName"/> (default <see cref="Folder"/>).</summary>
    public static StageOutcome<CzslClassifier> Train(RecipeOptions options, RecipeContext context, RecipeData data, Encoder? encoder, RecipeSeeds seeds,
        string? folderName = null)
    {
        var clock = Stopwatch.StartNew();
        const RecipeStage stage = RecipeStage.AmateurPretraining;
        var folder = context.StageFolder(folderName ?? Folder(data, encoder is not null));
        var (train, validation) = context.Validation.Labelled(data.Amateur, stage, seeds.Split(stage));
        RecipeTargets.RequireTraining(train, $"amateur pre-training ({data.Scenario})");
        var settings = options.ClassifierStage(data.Scenario, options.Epochs.Amateur, seeds.Training(stage), RecipeContext.CurvePath(folder), fineTuning: false);
        settings = ExpertPrior.Apply(settings, options, train, data.Expert, data.ClassCount) with { Training = context.Hooked(settings.Training, folder) };
        var result = ClassifierStage.Train(context.Store, train.Indices, RecipeTargets.Of(train, data.ClassCount), validation.Indices,
            RecipeTargets.Of(validation, data.ClassCount), options.Network(data.ClassCount), settings, encoder);
        ModelFiles.Save(folder, result.Model, result.Model.Config);
        Export.TrainingRunRecord.Of(data.Scenario, stage.ToString(), result.Training, train.Count, validation.Count, settings.Metric.ToString().ToLowerInvariant()).Write(folder);
        context.StageTrained?.Invoke(new StageTrainingReport(stage, null, result.Training, train.Count, validation.Count));
        return new(result.Model, result.Training, train.Count, validation.Count, clock.Elapsed.TotalSeconds);
    }
}
