using System.Globalization;

namespace CzSL.Data.Images;

/// <summary>
/// How an image file becomes the network's <see cref="Size"/>×<see cref="Size"/> input, identically in training and
/// in the ML.NET scoring chain: resize the whole file to <see cref="ResizeSize"/> px (ML.NET's
/// <c>ResizeImages(Fill)</c>, nearest pixel), keep the centre <see cref="CropSize"/> px (the centre
/// <see cref="CentreCrop"/> of the frame), then average each <see cref="Downscale"/>×<see cref="Downscale"/> block
/// (an area, i.e. anti-aliased, downscale).
/// </summary>
/// <remarks>
/// With <see cref="Downscale"/> = 1 and <see cref="CentreCrop"/> = 1 this is the plain nearest-pixel resize of earlier
/// versions. Averaging k×k blocks of a k-times larger nearest-pixel resize low-pass filters the image, so a 423 px
/// cutout and a 120 px cutout of the same sky give similar inputs (the crop matches their framings). In an exported
/// model the crop and the block average are the first nodes of the ONNX graph (Slice, AveragePool); in training the
/// crop happens when images are decoded and the average on each batch.
/// </remarks>
/// <param name="Size">Side of the network input in pixels.</param>
/// <param name="Downscale">Block side of the area average (1: none).</param>
/// <param name="CentreCrop">Fraction of the frame's side kept around the centre, in (0, 1] (1: the whole frame).</param>
public sealed record ImagePreprocessing(int Size, int Downscale = 1, double CentreCrop = 1.0)
{
    /// <summary>Largest supported <see cref="Downscale"/>.</summary>
    public const int MaxDownscale = 8;

    /// <summary>Side after the crop, before the block average: <see cref="Size"/>·<see cref="Downscale"/>.</summary>
    public int CropSize => Size * Downscale;

    /// <summary>Side the whole file is resized to: <see cref="CropSize"/>/<see cref="CentreCrop"/>, rounded (never below <see cref="CropSize"/>).</summary>
    public int ResizeSize => Math.Max(CropSize, (int)Math.Round(CropSize / CentreCrop, MidpointRounding.AwayFromZero));

    /// <summary>First row/column of the crop in the resized image: (<see cref="ResizeSize"/> − <see cref="CropSize"/>)/2, rounded down.</summary>
    public int CropOffset => (ResizeSize - CropSize) / 2;

    /// <summary>True when the files are only resized (no crop, no block average).</summary>
    public bool IsPlainResize => Downscale == 1 && ResizeSize == CropSize;

    /// <summary>A short name for cache files: "64", or "64-x4-c0.5".</summary>
    public string Key => IsPlainResize ? Size.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Size}-x{Downscale}-c{CentreCrop:0.####}");

    /// <summary>The image cache file of this preprocessing in <paramref name="folder"/>: <c>images-KEY.bin</c>.</summary>
    public string CachePath(string folder) => Path.Combine(folder, $"images-{Key}.bin");

    /// <summary>A human description, e.g. "64 px: whole frame resized to 256 px, 4×4 area average".</summary>
    public override string ToString()
    {
        if (IsPlainResize) return string.Create(CultureInfo.InvariantCulture, $"{Size} px: whole frame, nearest-pixel resize");
        var crop = CentreCrop < 1
            ? string.Create(CultureInfo.InvariantCulture, $"resized to {ResizeSize} px, centre {CentreCrop:0.###} of the frame ({CropSize} px) kept")
            : string.Create(CultureInfo.InvariantCulture, $"whole frame resized to {ResizeSize} px");
        return Downscale > 1 ? string.Create(CultureInfo.InvariantCulture, $"{Size} px: {crop}, {Downscale}×{Downscale} area average")
            : string.Create(CultureInfo.InvariantCulture, $"{Size} px: {crop}");
    }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size ≤ 0, Downscale outside 1…<see cref="MaxDownscale"/>, or CentreCrop outside (0, 1].</exception>
    public ImagePreprocessing Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Size, nameof(Size));
        if (Downscale < 1 || Downscale > MaxDownscale)
            throw new ArgumentOutOfRangeException(nameof(Downscale), Downscale, $"The area downscale must be 1 to {MaxDownscale}.");
        if (!(CentreCrop > 0 && CentreCrop <= 1))
            throw new ArgumentOutOfRangeException(nameof(CentreCrop), CentreCrop, "The centre crop must be a fraction in (0, 1].");
        return this;
    }

    /// <summary>
    /// The downscale that suits source images of side <paramref name="sourceSide"/>: the largest k ≤ 4 with a k-times
    /// larger crop still no bigger than the source's cropped side (1 when the source is no larger than the input).
    /// </summary>
    public static int AutoDownscale(int size, double centreCrop, int sourceSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceSide);
        return Math.Clamp((int)Math.Floor(sourceSide * centreCrop / size), 1, 4);
    }
}
