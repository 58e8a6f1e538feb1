using SkiaSharp;

namespace CzSL.Data.Images;

/// <summary>Decodes image files to square RGB pixel arrays the way the ML.NET scoring chain sees them.</summary>
public static class ImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="path"/> and resizes it to <paramref name="size"/>×<paramref name="size"/>, returning
    /// size·size·3 bytes in HWC order (row-major, then R, G, B).
    /// </summary>
    /// <remarks>
    /// Reproduces ML.NET 5.0.1's <c>LoadImages → ResizeImages(size, size, resizing: ResizingKind.Fill)</c>
    /// (<c>MLImage</c> in Microsoft.ML.ImageAnalytics, on SkiaSharp 2.88): the file is decoded as
    /// <c>SKBitmap.Decode(path)</c> does (an <c>SKCodec</c>, unpremultiplied alpha read as premultiplied) except that
    /// an image whose data ends early is refused: SkiaSharp (and so ML.NET) would fill the missing rows and return
    /// it; here it is an <see cref="ImageDecodeException"/> naming the file. A bitmap that is neither BGRA8888 nor RGBA8888 (e.g. grayscale) is copied to
    /// BGRA8888; Fill resizing is <c>SKBitmap.Resize(new SKSizeI(w, h), SKFilterQuality.None)</c> — aspect ratio
    /// ignored, no smoothing filter. The bytes are read as stored (for images with transparency that means
    /// premultiplied colour, as ML.NET's <c>ExtractPixels</c> also reads them). An image already of the target size is
    /// used as decoded. Checked against ML.NET 5.0.1's chain (<c>LoadImages → ResizeImages(Fill) → ExtractPixels</c>,
    /// planar and interleaved) on 300 real GZ1 JPEGs (423×423) at 32, 64, 128, 423 and 500 px: identical bytes.
    /// </remarks>
    /// <exception cref="ImageDecodeException">The file is missing, unreadable, not an image, incomplete (truncated), or cannot be resized.</exception>
    public static byte[] DecodeRgb(string path, int size)
    {
        var rgb = new byte[checked(size * size * 3)];
        DecodeRgb(path, size, rgb);
        return rgb;
    }

    /// <summary>As <see cref="DecodeRgb(string, int)"/>, writing into <paramref name="destination"/> (size·size·3 bytes).</summary>
    public static void DecodeRgb(string path, int size, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (destination.Length != size * size * 3)
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {size}×{size} RGB needs {size * size * 3}.", nameof(destination));
        if (!File.Exists(path))
            throw new ImageDecodeException(path, $"Image file '{path}' does not exist.");

        var bitmap = DecodeComplete(path);
        try
        {
            if (bitmap.ColorType is not (SKColorType.Bgra8888 or SKColorType.Rgba8888))
            {
                var copy = bitmap.Copy(SKColorType.Bgra8888)
                    ?? throw new ImageDecodeException(path, $"Image file '{path}' has an unsupported pixel format ({bitmap.ColorType}).");
                bitmap.Dispose();
                bitmap = copy;
            }
            if (bitmap.Width != size || bitmap.Height != size)
            {
                var resized = bitmap.Resize(new SKSizeI(size, size), SKFilterQuality.None)
                    ?? throw new ImageDecodeException(path, $"Image file '{path}' ({bitmap.Width}×{bitmap.Height}) could not be resized to {size}×{size}.");
                bitmap.Dispose();
                bitmap = resized;
            }
            CopyRgb(bitmap, destination);
        }
        finally
        {
            bitmap.Dispose();
        }
    }

    /// <summary>
    /// Decodes <paramref name="path"/> as <paramref name="preprocessing"/> says up to its crop: resized to
    /// <see cref="ImagePreprocessing.ResizeSize"/> (as <see cref="DecodeRgb(string, int, Span{byte})"/>), then the centre
    /// <see cref="ImagePreprocessing.CropSize"/>×<see cref="ImagePreprocessing.CropSize"/> px written to
    /// <paramref name="destination"/> (HWC RGB). The block average is the network input's first step, not done here.
    /// </summary>
    /// <exception cref="ImageDecodeException">As <see cref="DecodeRgb(string, int, Span{byte})"/>.</exception>
    public static void DecodeRgb(string path, ImagePreprocessing preprocessing, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var crop = preprocessing.CropSize;
        if (destination.Length != crop * crop * 3)
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {crop}×{crop} RGB needs {crop * crop * 3}.", nameof(destination));
        var resize = preprocessing.ResizeSize;
        if (resize == crop)
        {
            DecodeRgb(path, crop, destination);
            return;
        }
        // The whole resized frame is only a staging buffer (MBs at large crops): rented, not allocated per image.
        var length = resize * resize * 3;
        var full = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            DecodeRgb(path, resize, full.AsSpan(0, length));
            var offset = preprocessing.CropOffset;
            for (var y = 0; y < crop; y++)
                full.AsSpan(((y + offset) * resize + offset) * 3, crop * 3).CopyTo(destination.Slice(y * crop * 3, crop * 3));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(full);
        }
    }

    /// <summary>Width and height of the image in <paramref name="path"/>, read from its header.</summary>
    /// <exception cref="ImageDecodeException">The file is missing or not an image.</exception>
    public static (int Width, int Height) ReadSize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new ImageDecodeException(path, $"Image file '{path}' does not exist.");
        using var codec = SKCodec.Create(path)
            ?? throw new ImageDecodeException(path, $"Image file '{path}' is corrupt or not in a supported image format.");
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>
    /// Decodes the whole file or throws: missing, unreadable, not an image, or incomplete (the decoder ran out of data
    /// before the last row).
    /// </summary>
    /// <exception cref="ImageDecodeException">The file cannot be decoded completely; the message names it and says why.</exception>
    public static void EnsureComplete(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new ImageDecodeException(path, $"Image file '{path}' does not exist.");
        DecodeComplete(path).Dispose();
    }

    // SKBitmap.Decode(SKCodec) of SkiaSharp 2.88, step by step, so that IncompleteInput (which it accepts) is refused.
    private static SKBitmap DecodeComplete(string path)
    {
        SKCodec? codec;
        try
        {
            codec = SKCodec.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ImageDecodeException(path, $"Cannot read image file '{path}': {e.Message}", e);
        }
        if (codec is null)
            throw new ImageDecodeException(path, $"Image file '{path}' is corrupt or not in a supported image format.");
        using (codec)
        {
            var info = codec.Info;
            if (info.AlphaType == SKAlphaType.Unpremul) info.AlphaType = SKAlphaType.Premul;
            var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels(out _));
            if (result == SKCodecResult.Success) return bitmap;
            bitmap.Dispose();
            throw new ImageDecodeException(path, result == SKCodecResult.IncompleteInput
                ? $"Image file '{path}' is truncated: its data ends before the last row of the {info.Width}×{info.Height} image."
                : $"Image file '{path}' is corrupt ({codec.EncodedFormat} decoder: {result}).");
        }
    }

    private static void CopyRgb(SKBitmap bitmap, Span<byte> destination)
    {
        var (r, b) = bitmap.ColorType == SKColorType.Bgra8888 ? (2, 0) : (0, 2);
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var o = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, bitmap.Width * 4);
            for (var x = 0; x < bitmap.Width; x++)
            {
                destination[o++] = row[4 * x + r];
                destination[o++] = row[4 * x + 1];
                destination[o++] = row[4 * x + b];
            }
        }
    }
}
