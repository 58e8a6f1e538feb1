namespace CzSL.Training.Stages;

/// <summary>Monte-Carlo dropout predictions of <see cref="ClassifierStage.PredictMonteCarlo"/>, one entry per image.</summary>
/// <param name="Probabilities">The mean of the dropout samples' class probabilities (the predictive distribution).</param>
/// <param name="Entropy">Its entropy, nats: the total predictive uncertainty.</param>
/// <param name="MutualInformation">Entropy of the mean minus the samples' mean entropy, nats, ≥ 0: the epistemic uncertainty (BALD).</param>
public sealed record MonteCarloPredictions(float[][] Probabilities, float[] Entropy, float[] MutualInformation);
