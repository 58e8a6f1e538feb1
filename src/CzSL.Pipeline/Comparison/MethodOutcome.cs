namespace CzSL.Pipeline.Comparison;

/// <summary>Method families in reports.</summary>
public enum MethodFamily
{
    /// <summary>TorchSharp CNNs: CzSL and its ablations.</summary>
    Cnn,
    /// <summary>Classical ML.NET trainers.</summary>
    Classical,
    /// <summary>Labels read directly from the volunteers' votes (no image model).</summary>
    Votes,
}

/// <summary>
/// One method's result on one scenario's test set in one repeat: class probabilities per test galaxy (in the test
/// set's order), the decision threshold for binary imbalanced scenarios (chosen on training data), and its costs.
/// </summary>
public sealed record MethodOutcome(
    string Method,
    MethodFamily Family,
    string Description,
    float[][] TestProbabilities,
    double? Threshold,
    double TrainSeconds,
    double ScoreSeconds)
{
    /// <summary>True for CzSL itself (the method the report compares every other with).</summary>
    public bool IsCzsl { get; init; }

    /// <summary>A CNN's fitted temperature and its test ECE before scaling (<see cref="TestProbabilities"/> are scaled); null when none was fitted.</summary>
    public Reporting.TemperatureCalibration? Calibration { get; init; }

    /// <summary>The method's own class decisions per test galaxy when it makes them otherwise than by threshold or argmax (a multilabel label transfer); null: decided from the probabilities.</summary>
    public int[]? Decisions { get; init; }
}
