using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace CzSL.Pipeline.Baselines;

/// <summary>Builds the ML.NET estimator of a <see cref="ClassicalTrainer"/> for a binary (Boolean label) or multiclass (key label) problem.</summary>
internal static class TrainerFactory
{
    /// <summary>Binary trainer emitting a calibrated "Probability" column.</summary>
    public static IEstimator<ITransformer> Binary(MLContext ml, BaselineOptions o, string label)
    {
        var trainers = ml.BinaryClassification.Trainers;
        return o.Trainer switch
        {
            ClassicalTrainer.Sdca => trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                MaximumNumberOfIterations = o.MaximumIterations,
                L2Regularization = o.L2Regularization,
                NumberOfThreads = o.NumberOfThreads,
            }),
            ClassicalTrainer.Lbfgs => trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                MaximumNumberOfIterations = o.MaximumIterations,
                L2Regularization = o.L2Regularization,
                NumberOfThreads = o.NumberOfThreads,
            }),
            ClassicalTrainer.LightGbm => trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                NumberOfIterations = o.NumberOfTrees,
                NumberOfLeaves = o.NumberOfLeaves,
                MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
                LearningRate = o.LearningRate,
                Seed = o.Seed,
                Deterministic = true,
                NumberOfThreads = o.NumberOfThreads,
                Silent = true,
            }),
            ClassicalTrainer.FastForest => trainers.FastForest(FastForestOptions(o, label))
                .Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: label)),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Trainer, "Unknown trainer."),
        };
    }

    /// <summary>Multiclass trainer emitting a "Score" vector of class probabilities (key order).</summary>
    public static IEstimator<ITransformer> Multiclass(MLContext ml, BaselineOptions o, string label)
    {
        var trainers = ml.MulticlassClassification.Trainers;
        return o.Trainer switch
        {
            ClassicalTrainer.Sdca => trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                MaximumNumberOfIterations = o.MaximumIterations,
                L2Regularization = o.L2Regularization,
                NumberOfThreads = o.NumberOfThreads,
            }),
            ClassicalTrainer.Lbfgs => trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                MaximumNumberOfIterations = o.MaximumIterations,
                L2Regularization = o.L2Regularization,
                NumberOfThreads = o.NumberOfThreads,
            }),
            ClassicalTrainer.LightGbm => trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = BaselineColumns.Features,
                NumberOfIterations = o.NumberOfTrees,
                NumberOfLeaves = o.NumberOfLeaves,
                MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
                LearningRate = o.LearningRate,
                Seed = o.Seed,
                Deterministic = true,
                NumberOfThreads = o.NumberOfThreads,
                Silent = true,
            }),
            ClassicalTrainer.FastForest => trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastForest(FastForestOptions(o, label)),
                labelColumnName: label, useProbabilities: true),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Trainer, "Unknown trainer."),
        };
    }

    private static FastForestBinaryTrainer.Options FastForestOptions(BaselineOptions o, string label) => new()
    {
        LabelColumnName = label,
        FeatureColumnName = BaselineColumns.Features,
        NumberOfTrees = o.NumberOfTrees,
        NumberOfLeaves = o.NumberOfLeaves,
        MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
        Seed = o.Seed,
        NumberOfThreads = o.NumberOfThreads,
    };
}
