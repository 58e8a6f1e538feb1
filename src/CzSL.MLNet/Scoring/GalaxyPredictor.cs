using System.Diagnostics;
using CzSL.Data.Models;
using Microsoft.ML;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Scores galaxy images with a classifier card. Three routes, all with the same preprocessing and the same numbers:
/// <see cref="PredictBatched"/> (ONNX Runtime, batched; the fast path behind <c>czsl predict</c>),
/// <see cref="PredictOne"/> (ML.NET PredictionEngine) and <see cref="PredictWithMlNet"/> (ML.NET IDataView).
/// Not thread-safe.
/// </summary>
public sealed class GalaxyPredictor : IDisposable
{
    /// <summary>Default images per ONNX Runtime batch.</summary>
    public const int DefaultBatchSize = 64;

    private readonly string _cardPath;
    private readonly ScoringDevice _device;
    private readonly int _deviceId;
    private OnnxImageScorer? _scorer;
    private MLContext? _ml;
    private ITransformer? _chain;
    private PredictionEngine<PathRow, ScoreOutput>? _engine;

    /// <summary>Loads and checks the classifier card at <paramref name="cardPath"/>; sessions open on first use.</summary>
    /// <exception cref="ArgumentException">The card is not a classifier.</exception>
    public GalaxyPredictor(string cardPath, ScoringDevice device = ScoringDevice.Auto, int deviceId = 0)
    {
        Card = ModelCard.Load(cardPath, verifyHash: true);
        if (Card.Kind != ModelKind.Classifier)
            throw new ArgumentException($"Model card '{cardPath}' is a {Card.Kind.ToString().ToLowerInvariant()}, not a classifier.", nameof(cardPath));
        _cardPath = cardPath;
        _device = device;
        _deviceId = deviceId;
    }

    /// <summary>The model card.</summary>
    public ModelCard Card { get; }

    /// <summary>The ONNX Runtime provider of the batched route (opens its session).</summary>
    public ExecutionProviderInfo Provider => Scorer.Provider;

    private OnnxImageScorer Scorer => _scorer ??= new OnnxImageScorer(_cardPath, _device, _deviceId);

    /// <summary>Decodes and scores <paramref name="images"/> in batches with ONNX Runtime.</summary>
    public IReadOnlyList<GalaxyPrediction> PredictBatched(IReadOnlyList<ImageInput> images, int batchSize = DefaultBatchSize,
        IProgress<PredictionProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var scorer = Scorer;
        var classes = Card.ClassNames.Count;
        var buffer = new byte[Math.Min(batchSize, Math.Max(images.Count, 1)) * scorer.ImageBytes];
        var results = new List<GalaxyPrediction>(images.Count);
        var paths = images.Select(i => i.Path).ToList();
        for (var start = 0; start < images.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, images.Count - start);
            scorer.DecodeBatch(paths, start, count, buffer, cancellation);
            var output = scorer.Score(buffer, count);
            for (var i = 0; i < count; i++)
                results.Add(GalaxyPrediction.FromProbabilities(images[start + i], output.Probabilities[(i * classes)..((i + 1) * classes)], Card.ClassNames));
            progress?.Report(new PredictionProgress(start + count, images.Count));
        }
        return results;
    }

    /// <summary>Scores one image through the ML.NET chain's PredictionEngine.</summary>
    public GalaxyPrediction PredictOne(string imagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagePath);
        var full = Path.GetFullPath(imagePath);
        _engine ??= Ml.Model.CreatePredictionEngine<PathRow, ScoreOutput>(Chain);
        var output = _engine.Predict(new PathRow { ImagePath = full });
        return GalaxyPrediction.FromProbabilities(new ImageInput(Path.GetFileNameWithoutExtension(full), full), output.Score, Card.ClassNames);
    }

    /// <summary>Scores <paramref name="images"/> through the ML.NET chain as one IDataView.</summary>
    public IReadOnlyList<GalaxyPrediction> PredictWithMlNet(IReadOnlyList<ImageInput> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var data = Ml.Data.LoadFromEnumerable(images.Select(i => new PathRow { ImagePath = i.Path }));
        var scores = Ml.Data.CreateEnumerable<ScoreOutput>(Chain.Transform(data), reuseRowObject: false);
        return images.Zip(scores, (image, s) => GalaxyPrediction.FromProbabilities(image, s.Score, Card.ClassNames)).ToList();
    }

    /// <summary>
    /// Resolves <paramref name="inputs"/> (<see cref="ImageInputs.Resolve"/>), scores them in batches with ONNX Runtime on
    /// <paramref name="device"/> and writes <paramref name="outCsv"/> atomically (<see cref="PredictionCsv"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The inputs name no image.</exception>
    public static PredictionRunSummary PredictToCsv(string cardPath, IEnumerable<string> inputs, string outCsv,
        ScoringDevice device = ScoringDevice.Auto, IProgress<PredictionProgress>? progress = null,
        int batchSize = DefaultBatchSize, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outCsv);
        var images = ImageInputs.Resolve(inputs);
        if (images.Count == 0) throw new ArgumentException("The inputs name no image files.", nameof(inputs));
        using var predictor = new GalaxyPredictor(cardPath, device);
        var clock = Stopwatch.StartNew();
        var predictions = predictor.PredictBatched(images, batchSize, progress, cancellation);
        clock.Stop();
        PredictionCsv.Write(outCsv, predictor.Card.ClassNames, predictions);
        return new PredictionRunSummary(predictions.Count, Path.GetFullPath(outCsv), predictor.Provider, clock.Elapsed);
    }

    private MLContext Ml => _ml ??= new MLContext(seed: 0);

    private ITransformer Chain => _chain ??= FitChain();

    private ITransformer FitChain()
    {
        var (gpu, fallback) = OnnxExecutionProvider.MlNetSettings(_device, _deviceId);
        var empty = Ml.Data.LoadFromEnumerable(Array.Empty<PathRow>());
        return Ml.Transforms.CzslClassifier(_cardPath, nameof(PathRow.ImagePath), gpuDeviceId: gpu, fallbackToCpu: fallback).Fit(empty);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _engine?.Dispose();
        (_chain as IDisposable)?.Dispose();
        _scorer?.Dispose();
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class ScoreOutput
    {
        public float[] Score { get; set; } = [];
    }
}
