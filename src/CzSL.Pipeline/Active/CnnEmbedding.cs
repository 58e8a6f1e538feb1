using CzSL.MLNet;
using CzSL.MLNet.Scoring;
using Microsoft.ML;

namespace CzSL.Pipeline.Active;

/// <summary>
/// A classifier card's embedding of galaxy images (its <c>embedding</c> ONNX output, the layer before the class
/// scores), read through the deployable ML.NET chain (<see cref="CzslTransformsCatalog.CzslClassifier"/>'s
/// <see cref="CzslColumns.Embedding"/> column): the space where <see cref="ActiveStrategy.CnnHybrid"/> measures distances.
/// </summary>
public sealed class CnnEmbedding : IImageEmbedding, IDisposable
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _chain;

    /// <summary>Fits the chain of the card at <paramref name="cardPath"/> on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The card is not a classifier or has no embedding output.</exception>
    public CnnEmbedding(string cardPath, ScoringDevice device = ScoringDevice.Auto)
    {
        var (gpu, fallback) = OnnxExecutionProvider.MlNetSettings(device);
        var estimator = _ml.Transforms.CzslClassifier(cardPath, nameof(PathRow.ImagePath), gpuDeviceId: gpu, fallbackToCpu: fallback);
        if (estimator.Card.Outputs.Embedding is null)
            throw new ArgumentException($"Model card '{cardPath}' has no embedding output (outputs.embedding): {ActiveStrategy.CnnHybrid.Name()} measures distances in it.", nameof(cardPath));
        _chain = estimator.Fit(_ml.Data.LoadFromEnumerable(Array.Empty<PathRow>()));
    }

    /// <inheritdoc />
    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> imagePaths)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        var data = _ml.Data.LoadFromEnumerable(imagePaths.Select(p => new PathRow { ImagePath = p }));
        return [.. _ml.Data.CreateEnumerable<EmbeddingRow>(_chain.Transform(data), reuseRowObject: false).Select(r => r.Embedding)];
    }

    /// <inheritdoc />
    public void Dispose() => (_chain as IDisposable)?.Dispose();

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class EmbeddingRow
    {
        public float[] Embedding { get; set; } = [];
    }
}
