using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Training.Loop;

namespace CzSL.Pipeline.Recipe;

/// <summary>One finished training of a stage: the stage, the variant whose expert stage it was (null for stages 1–2), its history and sizes.</summary>
public sealed record StageTrainingReport(RecipeStage Stage, CzslMethod? Variant, TrainingResult Training, int TrainCount, int ValidationCount);

/// <summary>
/// Where one recipe run reads its images and writes its stages: the decoded images, the record behind each image, the
/// validation rule, the run folder (one sub-folder per stage output: model, <c>curve.csv</c>, checkpoints) and the
/// hooks (progress, cancellation, per-epoch checkpoints and resume).
/// </summary>
public sealed record RecipeContext
{
    /// <summary>Decoded images at the recipe's size.</summary>
    public required ImageStore Store { get; init; }

    /// <summary>The galaxy record of an image-store index (votes for the label transfer).</summary>
    public required Func<int, GalaxyRecord> Record { get; init; }

    /// <summary>How each stage's data split into training and validation.</summary>
    public required ValidationSplit Validation { get; init; }

    /// <summary>The run folder; stage outputs go to sub-folders named by <see cref="RecipeStageNames.Folder"/>.</summary>
    public required string Folder { get; init; }

    /// <summary>Write per-epoch checkpoints into each stage folder (needed by <see cref="Resume"/>).</summary>
    public bool Checkpoints { get; init; }

    /// <summary>Continue killed trainings from their checkpoints.</summary>
    public bool Resume { get; init; }

    /// <summary>Stages whose saved outputs (from an earlier run into the same folder) are loaded instead of trained.</summary>
    public IReadOnlySet<RecipeStage> LoadSaved { get; init; } = new HashSet<RecipeStage>();

    /// <summary>Receives one report per epoch.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>Stops training between batches.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Told what the recipe decided on its own (a stage skipped and why).</summary>
    public Action<string>? Note { get; init; }

    /// <summary>Told of every training a stage finishes: the stage, its history and its training / validation sizes.</summary>
    public Action<StageTrainingReport>? StageTrained { get; init; }

    /// <summary>The folder of a stage output (created).</summary>
    public string StageFolder(string name)
    {
        var folder = Path.Combine(Folder, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary><paramref name="training"/> with this run's hooks for a stage writing into <paramref name="stageFolder"/>.</summary>
    public TrainingOptions Hooked(TrainingOptions training, string stageFolder) => training with
    {
        CheckpointDirectory = Checkpoints ? Path.Combine(stageFolder, "checkpoints") : null,
        Resume = Checkpoints && Resume,
        Progress = Progress,
        Cancellation = Cancellation,
    };

    /// <summary>The training-curve file of a stage folder.</summary>
    public static string CurvePath(string stageFolder) => Path.Combine(stageFolder, CurveFile);

    /// <summary>File name of a stage's training curve.</summary>
    public const string CurveFile = "curve.csv";
}
