using System.Diagnostics;

namespace CzSL.MLNet.Scoring;

/// <summary>Throughput figures of the inference routes, in images per second (medians over the repeats).</summary>
/// <param name="Images">Images per pass.</param>
/// <param name="Provider">The ONNX Runtime provider of the raw routes.</param>
/// <param name="Threads">Logical processors of the machine.</param>
/// <param name="Decode">Image decoding and resizing alone (<see cref="CzSL.Data.Images.ImageDecoder"/>, parallel).</param>
/// <param name="OrtBatch1">ONNX Runtime, pre-decoded images, batch 1 (network and tensor conversion only).</param>
/// <param name="OrtBatch64">ONNX Runtime, pre-decoded images, batch 64.</param>
/// <param name="OrtEndToEnd">Decoding plus ONNX Runtime batch 64 (the <c>czsl predict</c> route).</param>
/// <param name="MlNetPredictionEngine">ML.NET chain, one image at a time through a PredictionEngine (decoding included).</param>
/// <param name="MlNetDataView">ML.NET chain over one IDataView of all images (decoding included).</param>
/// <param name="DecodeShare">Decoding's share of decode + batch-64 inference time, 1/Decode ÷ (1/Decode + 1/OrtBatch64).</param>
public sealed record InferenceBenchmarkResult(
    int Images, ExecutionProviderInfo Provider, int Threads,
    double Decode, double OrtBatch1, double OrtBatch64, double OrtEndToEnd,
    double MlNetPredictionEngine, double MlNetDataView, double DecodeShare);

/// <summary>
/// Measures how fast a classifier card scores images through raw ONNX Runtime (batch 1 and 64) and through the ML.NET
/// chain (PredictionEngine and IDataView), and how much of the time decoding takes. Reports nothing itself.
/// </summary>
public sealed class InferenceBenchmark
{
    /// <summary>The large batch size measured.</summary>
    public const int BulkBatch = 64;

    private readonly string _cardPath;
    private readonly IReadOnlyList<ImageInput> _images;
    private readonly ScoringDevice _device;

    /// <summary>Benchmarks the card at <paramref name="cardPath"/> on <paramref name="imagePaths"/>.</summary>
    public InferenceBenchmark(string cardPath, IReadOnlyList<string> imagePaths, ScoringDevice device = ScoringDevice.Cpu)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardPath);
        ArgumentNullException.ThrowIfNull(imagePaths);
        if (imagePaths.Count == 0) throw new ArgumentException("The benchmark needs at least one image.", nameof(imagePaths));
        _cardPath = cardPath;
        _images = imagePaths.Select(p => new ImageInput(Path.GetFileNameWithoutExtension(p), Path.GetFullPath(p))).ToList();
        _device = device;
    }

    /// <summary>Runs every route once to warm up, then <paramref name="repeats"/> timed passes; returns the medians.</summary>
    /// <param name="repeats">Timed passes per route (≥ 1).</param>
    /// <param name="progress">Receives the name of the route being measured.</param>
    /// <param name="cancellation">Stops between passes.</param>
    public InferenceBenchmarkResult Run(int repeats = 3, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        using var predictor = new GalaxyPredictor(_cardPath, _device);
        using var scorer = new OnnxImageScorer(_cardPath, _device);
        var n = _images.Count;
        var pixels = new byte[n * scorer.ImageBytes];

        double Rate(string route, Action pass)
        {
            progress?.Report(route);
            pass();
            var seconds = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                cancellation.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                pass();
                seconds[r] = clock.Elapsed.TotalSeconds;
            }
            Array.Sort(seconds);
            return n / Math.Max(seconds[repeats / 2], 1e-9);
        }

        var paths = _images.Select(i => i.Path).ToList();
        void DecodeAll()
        {
            if (scorer.DecodeBatch(paths, 0, n, pixels, cancellation).FirstOrDefault(e => e is not null) is { } error) throw error;
        }
        void ScoreAll(int batch)
        {
            for (var start = 0; start < n; start += batch)
            {
                var count = Math.Min(batch, n - start);
                scorer.Score(pixels.AsSpan(start * scorer.ImageBytes, count * scorer.ImageBytes), count);
            }
        }

        var decode = Rate("decode", DecodeAll);
        var batch1 = Rate("onnxruntime batch 1", () => ScoreAll(1));
        var batch64 = Rate($"onnxruntime batch {BulkBatch}", () => ScoreAll(BulkBatch));
        var endToEnd = Rate("decode + onnxruntime", () => predictor.PredictBatched(_images, BulkBatch, cancellation: cancellation));
        var engine = Rate("ml.net prediction engine", () =>
        {
            foreach (var image in _images) predictor.PredictOne(image.Path);
        });
        var dataView = Rate("ml.net data view", () => predictor.PredictWithMlNet(_images));
        var share = (1 / decode) / (1 / decode + 1 / batch64);
        return new InferenceBenchmarkResult(n, scorer.Provider, Environment.ProcessorCount,
            decode, batch1, batch64, endToEnd, engine, dataView, share);
    }
}
