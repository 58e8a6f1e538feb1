using System.Runtime.InteropServices;
using SkiaSharp;

namespace CzSL.DataPrep.Simulation;

/// <summary>Encodes interleaved 8-bit RGB pixels as an opaque RGB PNG (colour type 2) with SkiaSharp.</summary>
public static class PngEncoder
{
    /// <summary>All filters, zlib level 3: files ≈ 10% larger than level 6 for about half the encoding time (measured on 64×64 cutouts).</summary>
    private static readonly SKPngEncoderOptions Options = new(SKPngEncoderFilterFlags.AllFilters, 3);

    /// <summary>PNG bytes of a <paramref name="width"/>×<paramref name="height"/> image given as RGB triplets, rows top to bottom.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"{rgb.Length} bytes given; a {width}×{height} RGB image has {width * height * 3}.", nameof(rgb));
        var rgba = new byte[width * height * 4];
        for (int i = 0, o = 0; i < rgb.Length; i += 3, o += 4)
        {
            rgba[o] = rgb[i];
            rgba[o + 1] = rgb[i + 1];
            rgba[o + 2] = rgb[i + 2];
            rgba[o + 3] = 255;
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pin = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, pin.AddrOfPinnedObject(), info.RowBytes);
            using var data = pixmap.Encode(Options)
                ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
            return data.ToArray();
        }
        finally
        {
            pin.Free();
        }
    }
}
