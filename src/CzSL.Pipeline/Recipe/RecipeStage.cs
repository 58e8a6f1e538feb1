using CzSL.Data;

namespace CzSL.Pipeline.Recipe;

/// <summary>The four stages of CzSL (Jimenez et al. 2023), in the order the recipe runs them.</summary>
public enum RecipeStage
{
    /// <summary>1. A convolutional autoencoder learns from unlabelled images.</summary>
    AutoencoderPretraining,
    /// <summary>2. A CNN (initialised from the encoder, or at random) is pre-trained on the amateur (volunteer) labels.</summary>
    AmateurPretraining,
    /// <summary>3. A small model learns from the expert-labelled galaxies how experts read the votes and relabels the amateur set.</summary>
    LabelTransfer,
    /// <summary>4. The CNN is trained on the scarce expert labels (plus the transferred ones).</summary>
    ExpertFineTuning,
}

/// <summary>Names of stage outputs: one place builds every stage folder name.</summary>
public static class RecipeStageNames
{
    /// <summary>The stage's short name: autoencoder, amateur, transfer, expert.</summary>
    public static string Name(this RecipeStage stage) => stage switch
    {
        RecipeStage.AutoencoderPretraining => "autoencoder",
        RecipeStage.AmateurPretraining => "amateur",
        RecipeStage.LabelTransfer => "transfer",
        RecipeStage.ExpertFineTuning => "expert",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    /// <summary>
    /// The folder (under a run's folder) of a stage's output: <c>autoencoder</c> (shared by every scenario),
    /// <c>amateur-es</c>, <c>expert-es</c>…; a variant other than CzSL's own adds its name (e.g.
    /// <c>amateur-es-no-autoencoder</c>, <c>expert-es-czsl-no-transfer</c>).
    /// </summary>
    public static string Folder(RecipeStage stage, Scenario? scenario = null, string? variant = null) =>
        stage.Name() + (scenario is { } s ? "-" + s.Name() : "") + (variant is null ? "" : "-" + variant);
}
