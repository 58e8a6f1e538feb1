namespace CzSL.Pipeline.Baselines;

/// <summary>Settings of one classical baseline. Defaults suit a few thousand rows on two cores.</summary>
public sealed record BaselineOptions
{
    /// <summary>Default values, shared with the documentation.</summary>
    public static class Defaults
    {
        /// <summary>Seed of the <see cref="Microsoft.ML.MLContext"/> and of the tree learners.</summary>
        public const int Seed = 1;
        /// <summary>Passes of SDCA / iterations of L-BFGS.</summary>
        public const int MaximumIterations = 100;
        /// <summary>Boosting rounds of LightGbm / trees of FastForest.</summary>
        public const int NumberOfTrees = 100;
        /// <summary>Leaves per tree.</summary>
        public const int NumberOfLeaves = 16;
        /// <summary>Fewest training rows in a leaf.</summary>
        public const int MinimumExampleCountPerLeaf = 5;
        /// <summary>LightGbm shrinkage.</summary>
        public const double LearningRate = 0.1;
        /// <summary>L2 penalty of the linear learners.</summary>
        public const float L2Regularization = 1e-3f;
        /// <summary>Threads of every learner; 1 keeps SDCA and the tree learners bit-for-bit reproducible.</summary>
        public const int NumberOfThreads = 1;
    }

    /// <summary>The learner.</summary>
    public ClassicalTrainer Trainer { get; init; } = ClassicalTrainer.LightGbm;
    /// <summary>Feature rescaling in the pipeline.</summary>
    public FeatureNormalization Normalization { get; init; } = FeatureNormalization.MeanVariance;
    /// <summary>Seed of the <see cref="Microsoft.ML.MLContext"/>; the same seed and data give the same probabilities.</summary>
    public int Seed { get; init; } = Defaults.Seed;
    /// <summary>Passes of SDCA / iterations of L-BFGS.</summary>
    public int MaximumIterations { get; init; } = Defaults.MaximumIterations;
    /// <summary>Boosting rounds of LightGbm / trees of FastForest.</summary>
    public int NumberOfTrees { get; init; } = Defaults.NumberOfTrees;
    /// <summary>Leaves per tree.</summary>
    public int NumberOfLeaves { get; init; } = Defaults.NumberOfLeaves;
    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = Defaults.MinimumExampleCountPerLeaf;
    /// <summary>LightGbm shrinkage.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;
    /// <summary>L2 penalty of the linear learners.</summary>
    public float L2Regularization { get; init; } = Defaults.L2Regularization;
    /// <summary>Threads of every learner.</summary>
    public int NumberOfThreads { get; init; } = Defaults.NumberOfThreads;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Trainer)) throw new ArgumentOutOfRangeException(nameof(Trainer), Trainer, "Unknown trainer.");
        if (!Enum.IsDefined(Normalization)) throw new ArgumentOutOfRangeException(nameof(Normalization), Normalization, "Unknown normalisation.");
        Positive(MaximumIterations, nameof(MaximumIterations));
        Positive(NumberOfTrees, nameof(NumberOfTrees));
        if (NumberOfLeaves < 2) throw new ArgumentOutOfRangeException(nameof(NumberOfLeaves), NumberOfLeaves, "A tree needs at least 2 leaves.");
        Positive(MinimumExampleCountPerLeaf, nameof(MinimumExampleCountPerLeaf));
        Positive(NumberOfThreads, nameof(NumberOfThreads));
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive.");
        if (!(L2Regularization >= 0)) throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, "Must be non-negative.");
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");
    }
}
