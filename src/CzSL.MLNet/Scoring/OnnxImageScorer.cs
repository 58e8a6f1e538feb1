using CzSL.Data.Images;
using CzSL.Data.Models;
using Microsoft.ML.OnnxRuntime;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Outputs of one batch: row-major [N,C] probabilities and, when the card has them, the [N,D] embedding and the N
/// MC-dropout mutual informations.
/// </summary>
/// <param name="Count">N, the number of images.</param>
/// <param name="Probabilities">N·C probabilities (empty for a card without a probabilities output).</param>
/// <param name="Embedding">N·D embedding values, or null.</param>
/// <param name="MutualInformation">N mutual informations (nats; <see cref="ModelOutputSpec.MutualInformation"/>), or null when the card has none.</param>
public sealed record OnnxBatchOutput(int Count, float[] Probabilities, float[]? Embedding, float[]? MutualInformation = null);

/// <summary>
/// Scores batches of images with ONNX Runtime directly (ML.NET's ApplyOnnxModel scores one row at a time). Images
/// are decoded with <see cref="ImageDecoder"/>, which reproduces ML.NET's LoadImages → ResizeImages(Fill), and
/// scaled as ExtractPixels does, so the results equal the ML.NET chain's. Not thread-safe.
/// </summary>
public sealed class OnnxImageScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _outputs;

    /// <summary>
    /// Opens the card's ONNX file: the card is loaded (fields, hash, integrity record; an <c>.onnx</c> path reads the card
    /// the file carries) and checked against the graph (<see cref="ModelGraphCheck"/>).
    /// </summary>
    /// <exception cref="ModelCardException">The card is invalid, edited after export, not square, or does not fit its graph.</exception>
    public OnnxImageScorer(string cardPath, ScoringDevice device = ScoringDevice.Auto, int deviceId = 0, int intraOpThreads = 0)
        : this(ModelGraphCheck.Load(cardPath), cardPath, device, deviceId, intraOpThreads)
    {
    }

    /// <summary>Opens the ONNX file of <paramref name="card"/>, already loaded from <paramref name="cardPath"/>, and checks it against the graph.</summary>
    internal OnnxImageScorer(ModelCard card, string cardPath, ScoringDevice device = ScoringDevice.Auto, int deviceId = 0, int intraOpThreads = 0)
    {
        Card = card;
        if (Card.Input.Width != Card.Input.Height)
            throw new ModelCardException(cardPath, "input.width", $"batched scoring needs a square input, got {Card.Input.Width}×{Card.Input.Height}.");
        Size = Card.Input.Width;
        _outputs = new[] { Card.Outputs.Probabilities, Card.Outputs.Embedding, Card.Outputs.MutualInformation }.OfType<string>().ToArray();
        if (_outputs.Length == 0)
            throw new ModelCardException(cardPath, "outputs", "names neither a probabilities nor an embedding output.");
        _session = OnnxExecutionProvider.CreateSession(Card.OnnxPath(cardPath), device, deviceId, intraOpThreads, out var info);
        Provider = info;
        try
        {
            ModelGraphCheck.Verify(Card, cardPath, _session);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The model card.</summary>
    public ModelCard Card { get; }

    /// <summary>The provider the session runs on.</summary>
    public ExecutionProviderInfo Provider { get; }

    /// <summary>Image side in pixels.</summary>
    public int Size { get; }

    /// <summary>Bytes of one decoded image (Size·Size·3, HWC).</summary>
    public int ImageBytes => Size * Size * 3;

    /// <summary>Decodes and resizes one image file into <paramref name="hwc"/> (<see cref="ImageBytes"/> bytes).</summary>
    /// <exception cref="ImageDecodeException">The file is missing or not an image.</exception>
    public void Decode(string path, Span<byte> hwc) => ImageDecoder.DecodeRgb(path, Size, hwc);

    /// <summary>
    /// Decodes <paramref name="count"/> images, <paramref name="paths"/>[<paramref name="start"/>…], in parallel into
    /// <paramref name="hwc"/> back to back. A file that cannot be decoded (missing, not an image, truncated) does not
    /// stop the others: its slot is left as it was and its error is returned at its position.
    /// </summary>
    /// <returns>Per image, null when it was decoded, else the error naming the file.</returns>
    public ImageDecodeException?[] DecodeBatch(IReadOnlyList<string> paths, int start, int count, byte[] hwc, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(hwc);
        if (hwc.Length < count * ImageBytes)
            throw new ArgumentException($"{count} images need {count * ImageBytes} bytes, got {hwc.Length}.", nameof(hwc));
        var errors = new ImageDecodeException?[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            try
            {
                Decode(paths[start + i], hwc.AsSpan(i * ImageBytes, ImageBytes));
            }
            catch (ImageDecodeException e)
            {
                errors[i] = e;
            }
        });
        return errors;
    }

    /// <summary>Runs the network on <paramref name="count"/> decoded images stored back to back in <paramref name="hwc"/>.</summary>
    public OnnxBatchOutput Score(ReadOnlySpan<byte> hwc, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (hwc.Length < count * ImageBytes)
            throw new ArgumentException($"{count} images need {count * ImageBytes} bytes, got {hwc.Length}.", nameof(hwc));
        var input = ToPlanar(hwc, count);
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [count, 3, Size, Size]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [Card.Input.Name], [tensor], _outputs);
        float[]? probabilities = null, embedding = null, information = null;
        for (var i = 0; i < _outputs.Length; i++)
        {
            var values = results[i].GetTensorDataAsSpan<float>().ToArray();
            if (_outputs[i] == Card.Outputs.Probabilities) probabilities = values;
            else if (_outputs[i] == Card.Outputs.MutualInformation) information = values;
            else embedding = values;
        }
        return new OnnxBatchOutput(count, probabilities ?? [], embedding, information);
    }

    /// <summary>(p − offset) × scale, HWC bytes → NCHW floats.</summary>
    private float[] ToPlanar(ReadOnlySpan<byte> hwc, int count)
    {
        var plane = Size * Size;
        var output = new float[count * 3 * plane];
        float scale = Card.Input.PixelScale, offset = Card.Input.PixelOffset;
        for (var n = 0; n < count; n++)
        {
            var image = hwc.Slice(n * ImageBytes, ImageBytes);
            var o = n * 3 * plane;
            for (var p = 0; p < plane; p++)
            {
                output[o + p] = (image[3 * p] - offset) * scale;
                output[o + plane + p] = (image[3 * p + 1] - offset) * scale;
                output[o + 2 * plane + p] = (image[3 * p + 2] - offset) * scale;
            }
        }
        return output;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
