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
