using System.Runtime.InteropServices;
using CzSL.Data.Images;
using SkiaSharp;

namespace CzSL.DataPrep.Download;

/// <summary>Why a cutout is unusable.</summary>
public enum CutoutProblem
{
    /// <summary>A complete, decodable JPEG of the expected size with real content.</summary>
    None,
    /// <summary>Not a JPEG (e.g. an HTML error page) or not decodable.</summary>
    NotJpeg,
    /// <summary>The JPEG stops early (no end-of-image marker, or the decoder ran out of data).</summary>
    Truncated,
    /// <summary>Decodes to a (nearly) constant image: outside the survey footprint or a failed rendering.</summary>
    Blank,
    /// <summary>Decodes, but not to the requested width × height (e.g. left over from a run with another size).</summary>
    WrongSize,
}

/// <summary>The verdict of <see cref="CutoutCheck.Check"/>: the problem (or <see cref="CutoutProblem.None"/>) and a readable reason.</summary>
public readonly record struct CutoutVerdict(CutoutProblem Problem, string Message)
{
    /// <summary>True when the cutout is usable.</summary>
    public bool Ok => Problem == CutoutProblem.None;
}

/// <summary>
/// Decides whether downloaded bytes are a usable colour cutout: JPEG signature (FF D8 FF), end-of-image marker
/// (FF D9) at the end, a full SkiaSharp decode, the expected size, and not blank. "Blank" means the standard
/// deviation of the pixels' luma (0.299 R + 0.587 G + 0.114 B, 0–255) is below a threshold: real SDSS cutouts carry
/// sky noise and a galaxy, while out-of-footprint answers are flat.
/// </summary>
public static class CutoutCheck
{
    /// <summary>
    /// Default blank threshold: luma standard deviation, grey levels (0–255). The 6,664 real GZ1 cutouts of
    /// <c>../shared/data/gz1-sdss</c> measure 5.95 to 43.5 (median 15.6), so 2.0 leaves a threefold margin.
    /// </summary>
    public const double DefaultBlankStdDev = 2.0;

    /// <summary>Checks <paramref name="data"/>; <paramref name="width"/>/<paramref name="height"/> null skip the size check.</summary>
    public static CutoutVerdict Check(byte[] data, int? width = null, int? height = null, double blankStdDev = DefaultBlankStdDev)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
            return new(CutoutProblem.NotJpeg, $"not a JPEG ({data.Length} bytes starting '{Preview(data)}')");
        if (!EndsWithEoi(data))
            return new(CutoutProblem.Truncated, $"the JPEG has no end-of-image marker ({data.Length} bytes): truncated");
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
            return new(CutoutProblem.NotJpeg, "SkiaSharp cannot decode it as a JPEG");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        if (result == SKCodecResult.IncompleteInput)
            return new(CutoutProblem.Truncated, "the JPEG data ends before the image is complete: truncated");
        if (result != SKCodecResult.Success)
            return new(CutoutProblem.NotJpeg, $"decoding failed ({result})");
        if (width is { } w && height is { } h && (info.Width != w || info.Height != h))
            return new(CutoutProblem.WrongSize, $"the image is {info.Width}×{info.Height}, expected {w}×{h}");
        var sd = LumaStdDev(pixels);
        if (sd < blankStdDev)
            return new(CutoutProblem.Blank, $"the image is blank (luma standard deviation {sd:F2} < {blankStdDev:F2})");
        return new(CutoutProblem.None, "ok");
    }

    /// <summary>Checks a file on disk (missing or unreadable files are <see cref="CutoutProblem.NotJpeg"/>).</summary>
    public static CutoutVerdict CheckFile(string path, int? width = null, int? height = null, double blankStdDev = DefaultBlankStdDev)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return new(CutoutProblem.NotJpeg, $"cannot read '{path}': {e.Message}");
        }
        return Check(data, width, height, blankStdDev);
    }

    /// <summary>The width and height an image file declares (its header only), or null when it is missing or not a decodable image.</summary>
    public static (int Width, int Height)? ImageSize(string path)
    {
        try
        {
            return ImageDecoder.ReadSize(path);
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }

    // JPEG ends with FF D9; tolerate a few padding bytes some encoders append.
    private static bool EndsWithEoi(byte[] data)
    {
        for (var i = data.Length - 2; i >= Math.Max(2, data.Length - 32); i--)
            if (data[i] == 0xFF && data[i + 1] == 0xD9) return true;
        return false;
    }

    private static double LumaStdDev(byte[] rgba)
    {
        double sum = 0, sumSq = 0;
        var n = rgba.Length / 4;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var y = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
            sum += y;
            sumSq += y * y;
        }
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
    }

    private static string Preview(byte[] data)
    {
        var take = Math.Min(16, data.Length);
        return new string(data.Take(take).Select(b => b is >= 32 and < 127 ? (char)b : '.').ToArray());
    }
}
