namespace CzSL.Pipeline.Methods;

/// <summary>
/// One method's result on one scenario's test set in one repeat: class probabilities per test galaxy (in the test
/// set's order), the decision threshold for binary imbalanced scenarios (chosen on training data), and its costs.
/// </summary>
public sealed record MethodOutcome(
    string Method,
    string Family,
    string Description,
    float[][] TestProbabilities,
    double? Threshold,
    double TrainSeconds,
    double ScoreSeconds);

/// <summary>Method families in reports.</summary>
public static class MethodFamilies
{
    /// <summary>TorchSharp CNNs: CzSL and its ablations.</summary>
    public const string Cnn = "cnn";
    /// <summary>Classical ML.NET trainers.</summary>
    public const string Classical = "classical";
    /// <summary>Labels read directly from the volunteers' votes (no image model).</summary>
    public const string Votes = "votes";
}
