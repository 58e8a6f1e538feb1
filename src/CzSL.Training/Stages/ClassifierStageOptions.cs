using CzSL.Training.Loop;

namespace CzSL.Training.Stages;

/// <summary>How a classifier stage copes with unequal class frequencies.</summary>
public enum ClassBalance
{
    /// <summary>Use the data as it is.</summary>
    None,
    /// <summary>Weight each class by N / (C · n_c) in the loss (n_c: the class's target total in the training set).</summary>
    LossWeights,
    /// <summary>Draw each epoch's samples with replacement, every class equally likely (by hard label).</summary>
    Sampling,
}

/// <summary>Validation metric of the classifier stages (higher is better).</summary>
public enum ValidationMetric
{
    /// <summary>Fraction correct (ES and ERL scenarios).</summary>
    Accuracy,
    /// <summary>Mean per-class F1.</summary>
    MacroF1,
    /// <summary>sqrt(TPR·TNR), binary only (MG scenario).</summary>
    GMean,
    /// <summary>ROC AUC of p(class 1), binary only (MG scenario).</summary>
    RocAuc,
}

/// <summary>Settings of <see cref="ClassifierStage"/> (pre-training on amateur labels, fine-tuning on expert labels, or training from scratch).</summary>
public sealed record ClassifierStageOptions
{
    /// <summary>Loop settings.</summary>
    public TrainingOptions Training { get; init; } = new() { Augmentation = Augmentation.ChiralitySafe, Patience = 10, Schedule = LrSchedule.Cosine() };

    /// <summary>Loss.</summary>
    public ClassificationLoss Loss { get; init; } = ClassificationLoss.CrossEntropy;

    /// <summary>Validation metric (reported, and monitored when <see cref="TrainingOptions.MonitorMetric"/>).</summary>
    public ValidationMetric Metric { get; init; } = ValidationMetric.Accuracy;

    /// <summary>Keep the encoder's weights (and batch-norm statistics) fixed for this many first epochs.</summary>
    public int FreezeEncoderEpochs { get; init; }

    /// <summary>Learning-rate multiplier of the encoder's parameters (e.g. 0.1 when fine-tuning a pre-trained encoder).</summary>
    public double EncoderLrMultiplier { get; init; } = 1;

    /// <summary>Class-imbalance handling.</summary>
    public ClassBalance Balance { get; init; } = ClassBalance.None;

    /// <summary>Explicit per-class loss weights (overrides <see cref="ClassBalance.LossWeights"/>); null: none.</summary>
    public float[]? ClassWeights { get; init; }

    /// <summary>The paper's classifier training: 100 epochs, batch 32, SGD lr 0.01, MSE on one-hot targets, no augmentation.</summary>
    public static ClassifierStageOptions Paper => new()
    {
        Training = TrainingOptions.Paper,
        Loss = ClassificationLoss.MseOnProbabilities,
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate(int classCount)
    {
        Training.Validate();
        if (FreezeEncoderEpochs < 0) throw new ArgumentException($"ClassifierStageOptions.FreezeEncoderEpochs must be ≥ 0, got {FreezeEncoderEpochs}.");
        if (!(EncoderLrMultiplier >= 0) || double.IsInfinity(EncoderLrMultiplier))
            throw new ArgumentException($"ClassifierStageOptions.EncoderLrMultiplier must be finite and ≥ 0, got {EncoderLrMultiplier}.");
        if (ClassWeights is not null && (ClassWeights.Length != classCount || ClassWeights.Any(w => !float.IsFinite(w) || w < 0)))
            throw new ArgumentException($"ClassifierStageOptions.ClassWeights needs {classCount} finite non-negative values, got [{string.Join(", ", ClassWeights)}].");
        if (Metric is ValidationMetric.GMean or ValidationMetric.RocAuc && classCount != 2)
            throw new ArgumentException($"Validation metric {Metric} is binary-only; this task has {classCount} classes.");
    }

    /// <summary>The stage-specific settings as text (for run fingerprints).</summary>
    internal string Describe() =>
        $"{Loss}|{Metric}|{FreezeEncoderEpochs}|{EncoderLrMultiplier}|{Balance}|{(ClassWeights is null ? "-" : string.Join(",", ClassWeights))}";
}
