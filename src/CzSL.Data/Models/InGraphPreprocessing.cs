using CzSL.Data.Images;

namespace CzSL.Data.Models;

/// <summary>
/// The preprocessing steps at the start of the ONNX graph, after the caller's resize to
/// <see cref="ModelInputSpec.Width"/>×<see cref="ModelInputSpec.Height"/>: a centre crop (Slice) to
/// <see cref="CropSize"/> px and a <see cref="Downscale"/>×<see cref="Downscale"/> block average (AveragePool) to the
/// network's <see cref="NetworkSize"/> px. Recorded so a reader knows what the model sees; the caller does nothing more.
/// </summary>
public sealed record InGraphPreprocessing
{
    /// <summary>Side of the network proper's input in pixels.</summary>
    public required int NetworkSize { get; init; }
    /// <summary>Fraction of the frame's side kept around the centre (1: the whole frame).</summary>
    public required double CentreCrop { get; init; }
    /// <summary>Side of the crop in pixels (NetworkSize·Downscale).</summary>
    public required int CropSize { get; init; }
    /// <summary>Block side of the area average (1: none).</summary>
    public required int Downscale { get; init; }
    /// <summary>The steps in words.</summary>
    public string? Description { get; init; }

    /// <summary>The record of <paramref name="preprocessing"/>.</summary>
    public static InGraphPreprocessing Of(ImagePreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        return new()
        {
            NetworkSize = preprocessing.Size,
            CentreCrop = preprocessing.CentreCrop,
            CropSize = preprocessing.CropSize,
            Downscale = preprocessing.Downscale,
            Description = preprocessing.ToString(),
        };
    }

    /// <summary>The preprocessing this record describes.</summary>
    public ImagePreprocessing ToPreprocessing() => new(NetworkSize, Downscale, CentreCrop);
}
