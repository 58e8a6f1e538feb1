using Microsoft.ML;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// Features produced by an estimator chain built by the caller, e.g. the CzSL encoder chain
/// (<c>mlContext.Transforms.CzslEncoder(cardPath, ...)</c>) whose output is a "Features" vector.
/// </summary>
public sealed class ChainFeaturizer : IBaselineFeaturizer
{
    private readonly Func<MLContext, IEstimator<ITransformer>> _factory;

    /// <summary>
    /// Builds the chain with <paramref name="factory"/> in the baseline's context; the chain must output
    /// <see cref="BaselineColumns.Features"/> (or name it in <paramref name="outputColumn"/> to have it copied there).
    /// </summary>
    public ChainFeaturizer(string name, Func<MLContext, IEstimator<ITransformer>> factory, string outputColumn = BaselineColumns.Features)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrEmpty(outputColumn);
        Name = name;
        _factory = factory;
        OutputColumn = outputColumn;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The chain's feature column.</summary>
    public string OutputColumn { get; }

    /// <inheritdoc />
    public IEstimator<ITransformer> CreateEstimator(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var chain = _factory(mlContext) ?? throw new InvalidOperationException($"The '{Name}' featurizer factory returned no estimator.");
        return OutputColumn == BaselineColumns.Features
            ? chain
            : chain.Append(mlContext.Transforms.CopyColumns(BaselineColumns.Features, OutputColumn));
    }
}
