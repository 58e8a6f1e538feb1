using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Transfer;
using CzSL.Training.Presets;

namespace CzSL.Pipeline.Paper;

/// <summary>Resampling of the MG training sets (applied before pre-training, before fine-tuning and to the baselines' training sets).</summary>
public enum PaperSampling
{
    /// <summary>The data as they are.</summary>
    None,
    /// <summary>Random over-sampling to balanced classes.</summary>
    Ros,
    /// <summary>Random under-sampling to balanced classes.</summary>
    Rus,
}

/// <summary>Settings of <see cref="PaperProtocol"/>: the CzSL paper's protocol on its own folds.</summary>
public sealed record PaperProtocolOptions
{
    /// <summary>The scenario (ES and ERL read the ESRL table, MG the MG table).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Resampling of the training sets; MG only.</summary>
    public PaperSampling Sampling { get; init; } = PaperSampling.None;

    /// <summary>Executions (random initialisations) per fold; the paper runs 10.</summary>
    public int Executions { get; init; } = 10;

    /// <summary>The paper's folds to run (1..5).</summary>
    public IReadOnlyList<int> Folds { get; init; } = [1, 2, 3, 4, 5];

    /// <summary>Networks and training: the paper's (final-epoch weights as Keras keeps them) or one of ours.</summary>
    public Preset Preset { get; init; } = Preset.Paper;

    /// <summary>Multiplies every training's epochs (the preset's fixed epochs, e.g. the paper's 100, or our stage defaults); at least one epoch remains.</summary>
    public double EpochsScale { get; init; } = 1;

    /// <summary>Label-transfer method (default: the reference's multilabel MLP on the amateur inputs, seed 0).</summary>
    public TransferMethod Transfer { get; init; } = TransferMethod.Reference;

    /// <summary>How the MG label transfer's decision threshold is chosen on L; null: the preset's (the paper's: 0.5).</summary>
    public ThresholdRule? TransferThreshold { get; init; }

    /// <summary>ML.NET trainers run on the autoencoder's flattened code.</summary>
    public IReadOnlyList<ClassicalTrainer> BaselineTrainers { get; init; } = [ClassicalTrainer.Lbfgs, ClassicalTrainer.LightGbm, ClassicalTrainer.FastForest];

    /// <summary>Master seed: fold k, execution e get seeds derived from it.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The report's variant label: "ROS", "RUS" or null.</summary>
    public string? Variant => Sampling switch { PaperSampling.Ros => "ROS", PaperSampling.Rus => "RUS", _ => null };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Scenario is not { IsBuiltIn: true }) throw new ArgumentException($"Unknown scenario {Scenario}.");
        if (Sampling != PaperSampling.None && Scenario != Scenario.MG)
            throw new ArgumentException($"Resampling ({Sampling}) applies to the MG scenario only, not {Scenario}.");
        if (Executions < 1) throw new ArgumentException($"Executions must be at least 1, got {Executions}.");
        if (Folds.Count == 0) throw new ArgumentException("No folds to run.");
        foreach (var k in Folds)
            if (k is < 1 or > 5) throw new ArgumentException($"Fold {k} does not exist: the paper's folds are 1..5.");
        if (Folds.Distinct().Count() != Folds.Count) throw new ArgumentException($"A fold is listed twice: {string.Join(",", Folds)}.");
        if (!(EpochsScale > 0) || double.IsInfinity(EpochsScale)) throw new ArgumentException($"The epochs scale must be a positive number, got {EpochsScale}.");
    }

    /// <summary>The recipe's options: the preset at 64 px, batch 32, its epochs scaled, the transfer and its MG threshold rule (null: the preset's).</summary>
    internal RecipeOptions Recipe()
    {
        var epochs = Preset.FixedEpochs is { } fixedEpochs ? StageEpochs.All(fixedEpochs) : new RecipeOptions().Epochs;
        return new RecipeOptions
        {
            Preset = Preset,
            ImageSize = 64,
            BatchSize = 32,
            Epochs = new StageEpochs(Scaled(epochs.Autoencoder), Scaled(epochs.Amateur), Scaled(epochs.Expert)),
            Transfer = Transfer,
            TransferThreshold = TransferThreshold,
        };
    }

    private int Scaled(int epochs) => Math.Max(1, (int)Math.Round(epochs * EpochsScale));
}
