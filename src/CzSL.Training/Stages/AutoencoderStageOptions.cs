using CzSL.Training.Loop;

namespace CzSL.Training.Stages;

/// <summary>Settings of <see cref="AutoencoderStage"/>.</summary>
public sealed record AutoencoderStageOptions
{
    /// <summary>Loop settings.</summary>
    public TrainingOptions Training { get; init; } = new() { Augmentation = Augmentation.Galaxy, Patience = 10, Schedule = LrSchedule.Cosine() };

    /// <summary>Reconstruction loss.</summary>
    public ReconstructionLoss Loss { get; init; } = ReconstructionLoss.Mse;

    /// <summary>
    /// For <see cref="AutoencoderStage.Train(CzSL.Data.Images.ImageStore, IReadOnlyList{int}, CzSL.Training.Modules.NetworkConfig, AutoencoderStageOptions)"/>:
    /// the last fraction of the images (in the given order) validates (the paper: 0.3).
    /// </summary>
    public double ValidationFraction { get; init; } = 0.3;

    /// <summary>The paper's autoencoder training: 100 epochs, batch 32, SGD lr 0.01, binary cross-entropy, 70/30 split.</summary>
    public static AutoencoderStageOptions Paper => new()
    {
        Training = TrainingOptions.Paper,
        Loss = ReconstructionLoss.BinaryCrossEntropy,
        ValidationFraction = 0.3,
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        Training.Validate();
        if (ValidationFraction is < 0 or >= 1 || double.IsNaN(ValidationFraction))
            throw new ArgumentException($"AutoencoderStageOptions.ValidationFraction must lie in [0, 1), got {ValidationFraction}.");
    }
}
