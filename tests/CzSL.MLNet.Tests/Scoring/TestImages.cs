using SkiaSharp;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>Generated test images (PNG, lossless) and their exact pixels.</summary>
internal static class TestImages
{
    /// <summary>Writes a seeded random RGB PNG of <paramref name="width"/>×<paramref name="height"/>; returns its HWC bytes.</summary>
    public static byte[] WriteRandomPng(string path, int width, int height, int seed)
    {
        var rng = new Random(seed);
        // A per-image colour bias makes the images differ in the statistics the tiny network looks at.
        var bias = new[] { rng.Next(0, 128), rng.Next(0, 128), rng.Next(0, 128) };
        var hwc = new byte[width * height * 3];
        for (var i = 0; i < hwc.Length; i++) hwc[i] = (byte)Math.Min(255, bias[i % 3] + rng.Next(0, 128));
        WritePng(path, width, height, hwc);
        return hwc;
    }

    /// <summary>Writes a smooth gradient with a little noise (a realistic resize input); returns its HWC bytes.</summary>
    public static byte[] WriteGradientPng(string path, int width, int height, int seed)
    {
        var rng = new Random(seed);
        var hwc = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            var r = Math.Sqrt(Math.Pow(x - width / 2.0, 2) + Math.Pow(y - height / 2.0, 2)) / width;
            hwc[i] = (byte)Math.Clamp(255 * Math.Exp(-8 * r * r) + rng.Next(-6, 7), 0, 255);
            hwc[i + 1] = (byte)Math.Clamp(255.0 * x / width + rng.Next(-6, 7), 0, 255);
            hwc[i + 2] = (byte)Math.Clamp(255.0 * y / height + rng.Next(-6, 7), 0, 255);
        }
        WritePng(path, width, height, hwc);
        return hwc;
    }

    /// <summary>Planar [3,H,W] floats (p − offset) × scale from HWC bytes.</summary>
    public static float[] ToPlanar(byte[] hwc, int width, int height, float scale = 1f / 255f, float offset = 0f)
    {
        var chw = new float[hwc.Length];
        for (var c = 0; c < 3; c++)
        for (var p = 0; p < width * height; p++)
            chw[c * width * height + p] = (hwc[p * 3 + c] - offset) * scale;
        return chw;
    }

    private static void WritePng(string path, int width, int height, byte[] hwc)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            bitmap.SetPixel(x, y, new SKColor(hwc[i], hwc[i + 1], hwc[i + 2]));
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
