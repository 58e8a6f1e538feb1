namespace CzSL.Data.Models;

/// <summary>Names of the network's ONNX outputs; which are required depends on <see cref="ModelKind"/>.</summary>
public sealed record ModelOutputSpec
{
    /// <summary>Class probabilities [N,C] (softmax inside the graph), in <see cref="ModelCard.ClassNames"/> order.</summary>
    public string? Probabilities { get; init; }
    /// <summary>Embedding [N,D], or null.</summary>
    public string? Embedding { get; init; }
    /// <summary>D, the embedding length; required when <see cref="Embedding"/> is set.</summary>
    public int? EmbeddingSize { get; init; }
    /// <summary>
    /// MC-dropout classifiers (<see cref="ModelCard.MonteCarloDropout"/>): the mean of the dropout samples' class
    /// probabilities [N,C], the predictive distribution; null otherwise.
    /// </summary>
    public string? MonteCarloProbabilities { get; init; }
    /// <summary>
    /// MC-dropout classifiers: the mutual information between the prediction and the network's weights [N,1] (nats,
    /// ≥ 0; the epistemic uncertainty, BALD): the entropy of the mean minus the mean entropy of the samples; null otherwise.
    /// </summary>
    public string? MutualInformation { get; init; }
    /// <summary>Reconstruction [N,3,H,W] of an autoencoder, or null.</summary>
    public string? Reconstruction { get; init; }
}
