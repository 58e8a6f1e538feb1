using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// Raw pixels as features: ML.NET ImageAnalytics loads each image from a path column, resizes it to
/// <see cref="Size"/>×<see cref="Size"/> and extracts interleaved RGB values scaled to [0, 1]
/// (LoadImages → ResizeImages → ExtractPixels): 32 × 32 × 3 = 3,072 values by default.
/// </summary>
public sealed class RawPixelFeaturizer : IBaselineFeaturizer
{
    /// <summary>Default side of the downsampled image.</summary>
    public const int DefaultSize = 32;

    private const string ImageColumn = "BaselineImage";

    /// <summary>Reads image paths from <paramref name="imagePathColumn"/> and downsamples to <paramref name="size"/> pixels a side.</summary>
    public RawPixelFeaturizer(string imagePathColumn = BaselineColumns.ImagePath, int size = DefaultSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePathColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ImagePathColumn = imagePathColumn;
        Size = size;
    }

    /// <summary>The Text column holding image paths (absolute, or relative to the working directory).</summary>
    public string ImagePathColumn { get; }

    /// <summary>Side of the downsampled image.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public string Name => "pixels";

    /// <inheritdoc />
    public IEstimator<ITransformer> CreateEstimator(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Transforms.LoadImages(ImageColumn, imageFolder: "", inputColumnName: ImagePathColumn)
            .Append(mlContext.Transforms.ResizeImages(ImageColumn, Size, Size, ImageColumn, ImageResizingEstimator.ResizingKind.Fill))
            .Append(mlContext.Transforms.ExtractPixels(BaselineColumns.Features, ImageColumn, interleavePixelColors: true, scaleImage: 1 / 255f))
            .Append(mlContext.Transforms.DropColumns(ImageColumn));
    }
}
