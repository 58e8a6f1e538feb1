using Microsoft.ML;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// Turns a baseline's input rows into a known-size Single vector column named <see cref="BaselineColumns.Features"/>.
/// The estimator is fitted on the training view only and applied unchanged to the test view.
/// </summary>
public interface IBaselineFeaturizer
{
    /// <summary>Short name of the feature set, used in method names (e.g. "pixels", "CAS", "learned").</summary>
    string Name { get; }

    /// <summary>The estimator producing <see cref="BaselineColumns.Features"/> in <paramref name="mlContext"/>.</summary>
    IEstimator<ITransformer> CreateEstimator(MLContext mlContext);
}
