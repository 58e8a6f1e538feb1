namespace CzSL.MLNet.Scoring;

/// <summary>Column names produced by the CzSL scoring chains.</summary>
public static class CzslColumns
{
    /// <summary>Default input column: image file path (absolute, or relative to the chain's image folder).</summary>
    public const string ImagePath = "ImagePath";
    /// <summary>Default input column of the in-memory route: an <c>MLImage</c>.</summary>
    public const string Image = "Image";
    /// <summary>Class probabilities, float vector [C] in the card's class order.</summary>
    public const string Score = "Score";
    /// <summary>
    /// Argmax of <see cref="Score"/>, key-typed; its key values are the card's class names. A binary card's decision
    /// threshold (<c>decisionThreshold</c>, e.g. the released MG model's) is not applied here; compare
    /// <see cref="Probability"/> with it, as <c>GalaxyPredictor</c> and <c>czsl predict</c> do.
    /// </summary>
    public const string PredictedLabel = "PredictedLabel";
    /// <summary>The class name of <see cref="PredictedLabel"/> as text (bind it to a <c>string</c> with a PredictionEngine).</summary>
    public const string PredictedClass = "PredictedClass";
    /// <summary>2-class cards only: probability of the positive class (class index 1), float.</summary>
    public const string Probability = "Probability";
    /// <summary>2-class cards only: true when the positive class (index 1) has the larger probability.</summary>
    public const string PredictedPositive = "PredictedPositive";
    /// <summary>Classifier cards with an embedding output: the embedding, float vector [D].</summary>
    public const string Embedding = "Embedding";
    /// <summary>
    /// Classifier cards exported with MC-dropout only: the mutual information between the prediction and the network's
    /// weights (nats, ≥ 0; the epistemic uncertainty), float vector [1].
    /// </summary>
    public const string Epistemic = "Epistemic";
    /// <summary>Encoder chain output: the embedding, float vector [D].</summary>
    public const string Features = "Features";
    /// <summary>Default key-typed label column for evaluation.</summary>
    public const string Label = "Label";

    /// <summary>Internal column holding the decoded, resized image (dropped at the end of the chain).</summary>
    internal const string LoadedImage = "CzslLoadedImage";
    /// <summary>Internal column holding the argmax index (dropped at the end of the chain).</summary>
    internal const string PredictedIndex = "CzslPredictedIndex";
}
