using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>Loss of the classifier stages.</summary>
public enum ClassificationLoss
{
    /// <summary>Cross-entropy of softmax(logits) against the target rows (one-hot or soft).</summary>
    CrossEntropy,
    /// <summary>Mean squared error between softmax(logits) and the target rows (the paper's Keras "mse" on one-hot targets).</summary>
    MseOnProbabilities,
}

/// <summary>Loss of the autoencoder stage.</summary>
public enum ReconstructionLoss
{
    /// <summary>Mean squared error per pixel value.</summary>
    Mse,
    /// <summary>Binary cross-entropy per pixel value (the paper).</summary>
    BinaryCrossEntropy,
}

/// <summary>Loss functions on batches (all return the mean over the batch).</summary>
internal static class Losses
{
    /// <summary>
    /// Classification loss of <paramref name="logits"/> (N×C) against target rows (N×C). With
    /// <paramref name="classWeights"/>, each sample counts with weight Σ_c target_c·w_c and the mean is weighted
    /// (for one-hot targets and cross-entropy this is PyTorch's weighted cross-entropy).
    /// </summary>
    public static Tensor Classification(Tensor logits, Tensor targets, Tensor? classWeights, ClassificationLoss kind)
    {
        var perSample = kind switch
        {
            ClassificationLoss.CrossEntropy => -(targets * nn.functional.log_softmax(logits, 1)).sum(1),
            ClassificationLoss.MseOnProbabilities => (nn.functional.softmax(logits, 1) - targets).square().mean([1L]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown classification loss."),
        };
        if (classWeights is null) return perSample.mean();
        var weights = (targets * classWeights).sum(1);
        return (weights * perSample).sum() / weights.sum();
    }

    /// <summary>Reconstruction loss of <paramref name="output"/> (values in [0, 1]) against <paramref name="input"/>.</summary>
    public static Tensor Reconstruction(Tensor output, Tensor input, ReconstructionLoss kind) => kind switch
    {
        ReconstructionLoss.Mse => nn.functional.mse_loss(output, input),
        ReconstructionLoss.BinaryCrossEntropy => nn.functional.binary_cross_entropy(output, input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reconstruction loss."),
    };
}
