using System.Runtime.CompilerServices;
using SkiaSharp;

namespace CzSL.DataPrep.Tests.Download;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "czsl-net-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var p = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Test images made with SkiaSharp, and the shared real-data folder.</summary>
internal static class TestImages
{
    /// <summary>A JPEG of a noisy sky with an elliptical "galaxy" (seeded, so each seed gives other bytes).</summary>
    public static byte[] Galaxy(int size, int seed = 1)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rng = new Random(seed);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            double dx = (x - size / 2.0) / (size / 5.0), dy = (y - size / 2.0) / (size / 8.0);
            var glow = 200 * Math.Exp(-(dx * dx + dy * dy));
            var v = (byte)Math.Clamp(glow + rng.Next(0, 30), 0, 255);
            bitmap.SetPixel(x, y, new SKColor(v, (byte)(v * 0.9), (byte)(v * 0.7)));
        }
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>A uniform JPEG (what a blank cutout looks like).</summary>
    public static byte[] Flat(int size, byte level = 0)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(level, level, level));
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>A PNG of a galaxy (valid image, wrong format).</summary>
    public static byte[] Png(int size)
    {
        using var codec = SKBitmap.Decode(Galaxy(size));
        return Encode(codec, SKEncodedImageFormat.Png);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>../shared/data/<paramref name="name"/> beside the repository, or null when absent.</summary>
    public static string? SharedData(string name, [CallerFilePath] string source = "")
    {
        var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        var folder = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data", name));
        return Directory.Exists(folder) ? folder : null;
    }
}
