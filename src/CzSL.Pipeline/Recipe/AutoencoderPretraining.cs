using System.Diagnostics;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>CzSL stage 1: a convolutional autoencoder learns from unlabelled images; its encoder initialises the CNNs.</summary>
public static class AutoencoderPretraining
{
    /// <summary>The folder (under a run folder) of the autoencoder.</summary>
    public static string Folder => RecipeStageNames.Folder(RecipeStage.AutoencoderPretraining);

    /// <summary>Trains the autoencoder on <paramref name="images"/> (labels ignored) and saves it into its stage folder.</summary>
    public static StageOutcome<ConvAutoencoder> Train(RecipeOptions options, RecipeContext context, IReadOnlyList<int> images, RecipeSeeds seeds)
    {
        var clock = Stopwatch.StartNew();
        var folder = context.StageFolder(Folder);
        var (train, validation) = context.Validation.Autoencoder(images);
        var stage = options.AutoencoderStage(seeds.Training(RecipeStage.AutoencoderPretraining), RecipeContext.CurvePath(folder));
        stage = stage with { Training = context.Hooked(stage.Training, folder) };
        var result = AutoencoderStage.Train(context.Store, train, validation, options.AutoencoderNetwork(), stage);
        ModelFiles.Save(folder, result.Model, result.Model.Config);
        context.StageTrained?.Invoke(new StageTrainingReport(RecipeStage.AutoencoderPretraining, null, result.Training, train.Length, validation.Length));
        return new(result.Model, result.Training, train.Length, validation.Length, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The autoencoder an earlier run saved into <paramref name="context"/>'s folder.</summary>
    public static StageOutcome<ConvAutoencoder> Load(RecipeContext context) =>
        new(ModelFiles.LoadAutoencoder(Path.Combine(context.Folder, Folder)), null, 0, 0, 0);
}
