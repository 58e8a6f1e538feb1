using System.Text.Json.Serialization;
using CzSL.Training.Modules;

namespace CzSL.Training.Loop;

/// <summary>Settings shared by every training stage: optimisation, data feeding, early stopping, checkpoints and reporting.</summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of epochs.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Images per optimiser step (32–64 is fastest per image on CPU for these small networks).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Optimiser and base learning rate.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.DefaultAdamW;

    /// <summary>Learning-rate schedule over the epochs.</summary>
    public LrSchedule Schedule { get; init; } = LrSchedule.Constant;

    /// <summary>Training-time augmentation.</summary>
    public Augmentation Augmentation { get; init; } = Augmentation.None;

    /// <summary>How a network built for this training is initialised (a network copied from earlier training keeps its weights).</summary>
    public WeightInit Init { get; init; } = WeightInit.TorchDefault;

    /// <summary>Seed of weight initialisation, data order, augmentation and dropout.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Stop after this many epochs without improvement on the validation set; null trains every epoch.</summary>
    public int? Patience { get; init; }

    /// <summary>Monitor the validation metric (higher is better) instead of the validation loss (lower is better).</summary>
    public bool MonitorMetric { get; init; }

    /// <summary>At the end, load the weights of the best validation epoch (needs a validation set).</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Folder for per-epoch checkpoints (weights, optimiser state, history); null: none. One folder per training.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>Where to write the training curve CSV (<see cref="CzSL.Data.Csv.TrainingCurveCsv"/>); null: none.</summary>
    public string? CurvePath { get; init; }

    /// <summary>Receives one report per epoch.</summary>
    [JsonIgnore]
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>Stops training between batches.</summary>
    [JsonIgnore]
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The paper's settings: 100 epochs, batch 32, SGD lr 0.01, constant rate, no augmentation, no early stopping,
    /// Keras' glorot-uniform weights with zero biases.
    /// </summary>
    public static TrainingOptions Paper => new()
    {
        Init = WeightInit.GlorotUniformZeroBias,
        Epochs = 100,
        BatchSize = 32,
        Optimizer = OptimizerSettings.PaperSgd,
        Schedule = LrSchedule.Constant,
        Augmentation = Augmentation.None,
        Patience = null,
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"TrainingOptions.Epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"TrainingOptions.BatchSize must be at least 1, got {BatchSize}.");
        if (Patience is < 1) throw new ArgumentException($"TrainingOptions.Patience must be at least 1 when set, got {Patience}.");
        if (Augmentation.MaxShift < 0) throw new ArgumentException($"Augmentation.MaxShift must be ≥ 0, got {Augmentation.MaxShift}.");
        if (Resume && CheckpointDirectory is null) throw new ArgumentException("TrainingOptions.Resume needs a CheckpointDirectory.");
        Optimizer.Validate();
        Schedule.Factor(0, Epochs);
    }
}
