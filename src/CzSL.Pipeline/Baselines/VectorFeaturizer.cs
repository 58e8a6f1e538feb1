using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// Features that already sit in a float vector column: CAS morphology computed by <see cref="CasFeatureTable"/>, or
/// learned features (e.g. the encoder chain's "Features" output). Copies the column to
/// <see cref="BaselineColumns.Features"/> when it has another name.
/// </summary>
public sealed class VectorFeaturizer : IBaselineFeaturizer
{
    /// <summary>Uses the vector column <paramref name="column"/> as the features, naming the feature set <paramref name="name"/>.</summary>
    public VectorFeaturizer(string name, string column = BaselineColumns.Features)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(column);
        Name = name;
        Column = column;
    }

    /// <summary>CAS morphology features in <paramref name="column"/>.</summary>
    public static VectorFeaturizer Cas(string column = BaselineColumns.Features) => new("CAS", column);

    /// <summary>Learned (e.g. autoencoder) features in <paramref name="column"/>.</summary>
    public static VectorFeaturizer Learned(string column = BaselineColumns.Features) => new("learned", column);

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The source vector column.</summary>
    public string Column { get; }

    /// <inheritdoc />
    public IEstimator<ITransformer> CreateEstimator(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return Column == BaselineColumns.Features
            ? new EstimatorChain<ITransformer>()
            : mlContext.Transforms.CopyColumns(BaselineColumns.Features, Column);
    }
}
