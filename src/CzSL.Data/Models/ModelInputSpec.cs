namespace CzSL.Data.Models;

/// <summary>
/// The network's image input: a float tensor [N,3,H,W] (NCHW) in RGB order. A pixel byte p (0–255) is fed as
/// (p − <see cref="PixelOffset"/>) × <see cref="PixelScale"/>, which is exactly what ML.NET's ExtractPixels computes
/// with <c>offsetImage</c>/<c>scaleImage</c>.
/// </summary>
public sealed record ModelInputSpec
{
    /// <summary>ONNX input name.</summary>
    public string Name { get; init; } = "image";
    /// <summary>Tensor layout; only "NCHW" is defined.</summary>
    public string Layout { get; init; } = "NCHW";
    /// <summary>Tensor element type; only "float" is defined.</summary>
    public string ElementType { get; init; } = "float";
    /// <summary>Channel count; only 3 is defined.</summary>
    public int Channels { get; init; } = 3;
    /// <summary>Image width W in pixels of the graph input (images are resized to it with ML.NET's ResizeImages(Fill)).</summary>
    public required int Width { get; init; }
    /// <summary>Image height H in pixels.</summary>
    public required int Height { get; init; }
    /// <summary>Channel order of the tensor; only "RGB" is defined.</summary>
    public string ChannelOrder { get; init; } = "RGB";
    /// <summary>Multiplier applied after the offset (1/255 maps bytes to [0,1]).</summary>
    public float PixelScale { get; init; } = 1f / 255f;
    /// <summary>Subtracted from the byte value before scaling.</summary>
    public float PixelOffset { get; init; }
    /// <summary>Per-channel mean (R,G,B) of a normalisation, or null. Applied inside the ONNX graph, never by the caller.</summary>
    public IReadOnlyList<float>? Mean { get; init; }
    /// <summary>Per-channel standard deviation (R,G,B) of a normalisation, or null. Applied inside the ONNX graph.</summary>
    public IReadOnlyList<float>? Std { get; init; }
    /// <summary>
    /// True when <see cref="Mean"/>/<see cref="Std"/> are part of the graph (the only supported arrangement:
    /// ML.NET's ExtractPixels has one offset and scale for all channels).
    /// </summary>
    public bool NormalizationInGraph { get; init; } = true;

    /// <summary>
    /// The crop and area downscale inside the graph after the resize to <see cref="Width"/>×<see cref="Height"/>, or
    /// null when the resized image is the network's input.
    /// </summary>
    public InGraphPreprocessing? Preprocessing { get; init; }

    /// <summary>The value the network receives for byte <paramref name="pixel"/>: (p − offset) × scale.</summary>
    public float Normalize(byte pixel) => (pixel - PixelOffset) * PixelScale;
}
