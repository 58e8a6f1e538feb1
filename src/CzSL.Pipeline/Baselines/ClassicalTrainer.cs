namespace CzSL.Pipeline.Baselines;

/// <summary>
/// The classical ML.NET learners compared with CzSL. With two classes each uses its binary trainer (calibrated
/// probabilities), with more its multiclass trainer.
/// </summary>
public enum ClassicalTrainer
{
    /// <summary>Stochastic dual coordinate ascent: SdcaLogisticRegression (binary) / SdcaMaximumEntropy (multiclass).</summary>
    Sdca,
    /// <summary>L-BFGS: LbfgsLogisticRegression (binary) / LbfgsMaximumEntropy (multiclass).</summary>
    Lbfgs,
    /// <summary>Gradient-boosted trees: LightGbm binary / LightGbm multiclass.</summary>
    LightGbm,
    /// <summary>Random forest: FastForest binary with Platt calibration / one-versus-all over calibrated FastForest binaries.</summary>
    FastForest,
}

/// <summary>How features are rescaled before training (fitted on the training set only).</summary>
public enum FeatureNormalization
{
    /// <summary>Each feature scaled into [0, 1] by its training minimum and maximum (NormalizeMinMax).</summary>
    MinMax,
    /// <summary>Each feature scaled to zero mean and unit variance on the training set (NormalizeMeanVariance).</summary>
    MeanVariance,
}

/// <summary>The trainers' names on the command line and in method names.</summary>
public static class ClassicalTrainerNames
{
    /// <summary>The lower-case name: sdca, lbfgs, lightgbm, fastforest.</summary>
    public static string Name(this ClassicalTrainer trainer) => trainer.ToString().ToLowerInvariant();

    /// <summary>The trainer named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ClassicalTrainer Parse(string name)
    {
        foreach (var trainer in Enum.GetValues<ClassicalTrainer>())
            if (string.Equals(trainer.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase)) return trainer;
        throw new ArgumentException($"Unknown baseline trainer '{name}': expected one of {string.Join(", ", Enum.GetValues<ClassicalTrainer>().Select(t => t.Name()))}.");
    }
}
