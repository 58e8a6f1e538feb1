namespace CzSL.Pipeline.Recipe;

/// <summary>Which expert-labelled galaxies expert fine-tuning fits its temperature (temperature scaling) on.</summary>
public enum CalibrationSet
{
    /// <summary>
    /// Every expert label the stage has: its training part and its validation split. The validation split alone is
    /// biased towards over-confidence (the best epoch was chosen on it); the training part towards under-confidence
    /// (the network learnt it). With few expert labels the pooled set is larger and the two biases partly cancel:
    /// measured on the demo it is the fit that lowers the test ECE (README, "Calibration").
    /// </summary>
    ExpertLabels,
    /// <summary>The validation split only: unbiased when it did not choose the epoch (or is large), noisy when it is small.</summary>
    Validation,
    /// <summary>No temperature scaling (T = 1).</summary>
    None,
}

/// <summary>The calibration sets' names on the command line and in reports, parsed and written in one place.</summary>
public static class CalibrationSets
{
    private static readonly (CalibrationSet Set, string Name)[] Names =
        [(CalibrationSet.ExpertLabels, "expert-labels"), (CalibrationSet.Validation, "validation"), (CalibrationSet.None, "none")];

    /// <summary>The set's name (e.g. <c>expert-labels</c>).</summary>
    public static string Name(this CalibrationSet set) => Names.Single(n => n.Set == set).Name;

    /// <summary>The set in words, for reports (e.g. "every expert label of the expert stage (training and validation)").</summary>
    public static string Description(this CalibrationSet set) => set switch
    {
        CalibrationSet.ExpertLabels => "every expert label of the expert stage (its training part and validation split)",
        CalibrationSet.Validation => "the expert stage's validation split",
        _ => "nothing (no temperature scaling)",
    };

    /// <summary>The set named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static CalibrationSet Parse(string name)
    {
        foreach (var (set, text) in Names)
            if (string.Equals(text, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return set;
        throw new ArgumentException($"Unknown calibration set '{name}'; expected one of: {string.Join(", ", Names.Select(n => n.Name))}.");
    }
}
