using System.Diagnostics;
using CzSL.Data.Images;
using CzSL.Data.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Scores galaxy images with a classifier card. Three routes, all with the same preprocessing and the same numbers:
/// <see cref="PredictBatched"/> (ONNX Runtime, batched; the fast path behind <c>czsl predict</c>),
/// <c>PredictOne</c> (ML.NET PredictionEngine; a file path, or in memory: an <see cref="MLImage"/>, encoded bytes or a
/// stream) and <see cref="PredictWithMlNet"/> (ML.NET IDataView).
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
    private PredictionEngine<CzslImage, ScoreOutput>? _imageEngine;
    private readonly List<ITransformer> _fitted = [];

    /// <summary>
    /// Loads and checks the classifier card at <paramref name="cardPath"/> (fields, ONNX hash, integrity record, fit to
    /// the graph: <see cref="ModelGraphCheck"/>); scoring sessions open on first use.
    /// </summary>
    /// <exception cref="ArgumentException">The card is not a classifier.</exception>
    /// <exception cref="ModelCardException">The card is invalid, edited after export, or does not fit its graph.</exception>
    public GalaxyPredictor(string cardPath, ScoringDevice device = ScoringDevice.Auto, int deviceId = 0)
    {
        Card = ModelGraphCheck.LoadVerified(cardPath);
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

    private OnnxImageScorer Scorer => _scorer ??= new OnnxImageScorer(Card, _cardPath, _device, _deviceId);

    /// <summary>
    /// Decodes and scores <paramref name="images"/> in batches with ONNX Runtime, one result per image in order. An
    /// image that cannot be read (missing, not an image, truncated) gets a <see cref="GalaxyPrediction.Failed"/> row and
    /// the others are scored, unless <paramref name="failFast"/>.
    /// </summary>
    /// <exception cref="ImageDecodeException">With <paramref name="failFast"/>: the first image (in order) that cannot be read.</exception>
    public IReadOnlyList<GalaxyPrediction> PredictBatched(IReadOnlyList<ImageInput> images, int batchSize = DefaultBatchSize,
        IProgress<PredictionProgress>? progress = null, CancellationToken cancellation = default, bool failFast = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var scorer = Scorer;
        var classes = Card.ClassNames.Count;
        var bytes = scorer.ImageBytes;
        var buffer = new byte[Math.Min(batchSize, Math.Max(images.Count, 1)) * bytes];
        var results = new List<GalaxyPrediction>(images.Count);
        var paths = images.Select(i => i.Path).ToList();
        for (var start = 0; start < images.Count; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, images.Count - start);
            var errors = scorer.DecodeBatch(paths, start, count, buffer, cancellation);
            if (failFast && errors.FirstOrDefault(e => e is not null) is { } first) throw first;
            // Move the decoded images to the front of the buffer and score only those.
            var good = 0;
            for (var i = 0; i < count; i++)
            {
                if (errors[i] is not null) continue;
                if (good != i) Buffer.BlockCopy(buffer, i * bytes, buffer, good * bytes, bytes);
                good++;
            }
            var output = good > 0 ? scorer.Score(buffer, good) : null;
            var k = 0;
            for (var i = 0; i < count; i++)
            {
                var image = images[start + i];
                if (errors[i] is { } error)
                {
                    results.Add(GalaxyPrediction.Failed(image, image.Origin is null ? error.Message : $"{image.Origin}: {error.Message}"));
                    continue;
                }
                results.Add(GalaxyPrediction.FromProbabilities(image, output!.Probabilities[(k * classes)..((k + 1) * classes)], Card.ClassNames, Card.DecisionThreshold,
                    output.MutualInformation?[k]));
                k++;
            }
            progress?.Report(new PredictionProgress(start + count, images.Count));
        }
        return results;
    }

    /// <summary>Scores one image through the ML.NET chain's PredictionEngine.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, not an image or truncated (ML.NET's loader would accept a truncated file).</exception>
    public GalaxyPrediction PredictOne(string imagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagePath);
        var full = Path.GetFullPath(imagePath);
        ImageDecoder.EnsureComplete(full);
        _engine ??= Ml.Model.CreatePredictionEngine<PathRow, ScoreOutput>(Chain, outputSchemaDefinition: OutputSchema);
        return Prediction(new ImageInput(Path.GetFileNameWithoutExtension(full), full), _engine.Predict(new PathRow { ImagePath = full }));
    }

    /// <summary>
    /// Scores a decoded in-memory image through the ML.NET chain's PredictionEngine (LoadImages skipped; the same resize
    /// and pixels as a file). The caller keeps ownership of <paramref name="image"/>.
    /// </summary>
    /// <param name="image">The image, any size.</param>
    /// <param name="id">Id reported in the prediction.</param>
    public GalaxyPrediction PredictOne(MLImage image, string id = "")
    {
        ArgumentNullException.ThrowIfNull(image);
        _imageEngine ??= Ml.Model.CreatePredictionEngine<CzslImage, ScoreOutput>(Fit<CzslImage>(CzslColumns.Image), outputSchemaDefinition: OutputSchema);
        return Prediction(new ImageInput(id, ""), _imageEngine.Predict(new CzslImage { Image = image }));
    }

    /// <summary>Decodes an encoded image (PNG, JPEG, ...) from <paramref name="stream"/> and scores it as <see cref="PredictOne(MLImage, string)"/>.</summary>
    /// <exception cref="ArgumentException">The stream does not hold an image ML.NET can decode.</exception>
    public GalaxyPrediction PredictOne(Stream stream, string id = "")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var image = MLImage.CreateFromStream(stream);
        return PredictOne(image, id);
    }

    /// <summary>Decodes an encoded image file held in <paramref name="encoded"/> and scores it as <see cref="PredictOne(MLImage, string)"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not an image ML.NET can decode.</exception>
    public GalaxyPrediction PredictOne(byte[] encoded, string id = "")
    {
        ArgumentNullException.ThrowIfNull(encoded);
        using var stream = new MemoryStream(encoded, writable: false);
        return PredictOne(stream, id);
    }

    /// <summary>Scores <paramref name="images"/> through the ML.NET chain as one IDataView.</summary>
    /// <exception cref="ImageDecodeException">An image is missing, not an image or truncated (checked before ML.NET sees it).</exception>
    public IReadOnlyList<GalaxyPrediction> PredictWithMlNet(IReadOnlyList<ImageInput> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (var image in images) ImageDecoder.EnsureComplete(image.Path);
        var data = Ml.Data.LoadFromEnumerable(images.Select(i => new PathRow { ImagePath = i.Path }));
        var scores = Ml.Data.CreateEnumerable<ScoreOutput>(Chain.Transform(data), reuseRowObject: false, schemaDefinition: OutputSchema);
        return images.Zip(scores, Prediction).ToList();
    }

    /// <summary>
    /// Resolves <paramref name="inputs"/> (<see cref="ImageInputs.Resolve"/>), scores them in batches with ONNX Runtime on
    /// <paramref name="device"/> and writes <paramref name="outCsv"/> atomically (<see cref="PredictionCsv"/>): every
    /// image gets a row, those that could not be read with their error (unless <paramref name="failFast"/>, which
    /// stops at the first and writes nothing).
    /// </summary>
    /// <exception cref="ArgumentException">The inputs name no image.</exception>
    /// <exception cref="ImageDecodeException">With <paramref name="failFast"/>: the first image that cannot be read.</exception>
    public static PredictionRunSummary PredictToCsv(string cardPath, IEnumerable<string> inputs, string outCsv,
        ScoringDevice device = ScoringDevice.Auto, IProgress<PredictionProgress>? progress = null,
        int batchSize = DefaultBatchSize, CancellationToken cancellation = default, bool failFast = false)
    {
        var images = ImageInputs.Resolve(inputs);
        if (images.Count == 0) throw new ArgumentException("The inputs name no image files.", nameof(inputs));
        return PredictImagesToCsv(cardPath, images, outCsv, device, progress, batchSize, cancellation, failFast);
    }

    /// <summary>As <see cref="PredictToCsv"/>, for resolved images (e.g. one shard's); none gives a CSV with the header only.</summary>
    public static PredictionRunSummary PredictImagesToCsv(string cardPath, IReadOnlyList<ImageInput> images, string outCsv,
        ScoringDevice device = ScoringDevice.Auto, IProgress<PredictionProgress>? progress = null,
        int batchSize = DefaultBatchSize, CancellationToken cancellation = default, bool failFast = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outCsv);
        ArgumentNullException.ThrowIfNull(images);
        using var predictor = new GalaxyPredictor(cardPath, device);
        var clock = Stopwatch.StartNew();
        var predictions = predictor.PredictBatched(images, batchSize, progress, cancellation, failFast);
        clock.Stop();
        PredictionCsv.Write(outCsv, predictor.Card.ClassNames, predictions, epistemic: predictor.Card.MonteCarloDropout is not null);
        var failed = predictions.Where(p => !p.Scored).ToList();
        return new PredictionRunSummary(predictions.Count, failed.Count, failed.FirstOrDefault()?.Error, Path.GetFullPath(outCsv),
            predictor.Provider, clock.Elapsed);
    }

    private MLContext Ml => _ml ??= new MLContext(seed: 0);

    // The chain's outputs read into ScoreOutput: Epistemic only where the card has MC-dropout (the chain has no such column otherwise).
    private SchemaDefinition OutputSchema
    {
        get
        {
            var schema = SchemaDefinition.Create(typeof(ScoreOutput));
            if (Card.MonteCarloDropout is null) schema.Remove(schema.Single(c => c.ColumnName == CzslColumns.Epistemic));
            return schema;
        }
    }

    private GalaxyPrediction Prediction(ImageInput image, ScoreOutput output) =>
        GalaxyPrediction.FromProbabilities(image, output.Score, Card.ClassNames, Card.DecisionThreshold,
            Card.MonteCarloDropout is null ? null : output.Epistemic.Single());

    private ITransformer Chain => _chain ??= Fit<PathRow>(nameof(PathRow.ImagePath));

    // The chain fitted on an empty view of TRow, whose image column picks the route (path or decoded image).
    private ITransformer Fit<TRow>(string imageColumn) where TRow : class
    {
        var (gpu, fallback) = OnnxExecutionProvider.MlNetSettings(_device, _deviceId);
        var empty = Ml.Data.LoadFromEnumerable(Array.Empty<TRow>());
        var chain = Ml.Transforms.CzslClassifier(_cardPath, imageColumn, gpuDeviceId: gpu, fallbackToCpu: fallback).Fit(empty);
        _fitted.Add(chain);
        return chain;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _engine?.Dispose();
        _imageEngine?.Dispose();
        foreach (var chain in _fitted) (chain as IDisposable)?.Dispose();
        _scorer?.Dispose();
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class ScoreOutput
    {
        public float[] Score { get; set; } = [];

        public float[] Epistemic { get; set; } = [];
    }
}
