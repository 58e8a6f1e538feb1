using System.Buffers.Binary;
using CzSL.Data;
using CzSL.Data.Images;

namespace CzSL.Training.Tests;

/// <summary>Small labelled image stores for tests: class 0 a round blob, class 1 a horizontal bar, class 2 a vertical bar, on noise.</summary>
internal static class SyntheticImages
{
    /// <summary>A store of <paramref name="count"/> size×size RGB images with labels i % <paramref name="classes"/>.</summary>
    public static (ImageStore Store, int[] Labels) Create(int count, int size, int classes = 2, ulong seed = 7)
    {
        var random = new SeededRandom(seed);
        var pixels = new byte[count * size * size * 3];
        var labels = new int[count];
        var c = (size - 1) / 2.0;
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                double dy = (y - c) / size, dx = (x - c) / size;
                var inside = labels[i] switch
                {
                    0 => dx * dx + dy * dy < 0.04,
                    1 => Math.Abs(dy) < 0.08 && Math.Abs(dx) < 0.35,
                    _ => Math.Abs(dx) < 0.08 && Math.Abs(dy) < 0.35,
                };
                for (var ch = 0; ch < 3; ch++)
                {
                    var v = (inside ? 180 + 20 * ch : 20) + random.NextInt(-15, 16);
                    pixels[((i * size + y) * size + x) * 3 + ch] = (byte)Math.Clamp(v, 0, 255);
                }
            }
        }
        return (FromPixels(count, size, pixels), labels);
    }

    /// <summary>An <see cref="ImageStore"/> holding <paramref name="pixels"/> (written as an image cache file and read back).</summary>
    public static ImageStore FromPixels(int count, int size, byte[] pixels)
    {
        var path = Path.Combine(Path.GetTempPath(), $"czsl-train-test-{Guid.NewGuid():N}.bin");
        try
        {
            using (var s = File.Create(path))
            {
                // ImageStore's cache format 2: magic, count, stored size, channels, network size, downscale, crop, 32-byte key.
                Span<byte> header = stackalloc byte[68];
                "CZSLIMG2"u8.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], count);
                BinaryPrimitives.WriteInt32LittleEndian(header[12..], size);
                BinaryPrimitives.WriteInt32LittleEndian(header[16..], 3);
                BinaryPrimitives.WriteInt32LittleEndian(header[20..], size);
                BinaryPrimitives.WriteInt32LittleEndian(header[24..], 1);
                BinaryPrimitives.WriteDoubleLittleEndian(header[28..], 1.0);
                s.Write(header);
                s.Write(pixels);
            }
            return ImageStore.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A temporary folder removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"czsl-train-{Guid.NewGuid():N}");

        public TempDir() => Directory.CreateDirectory(Path);

        public void Dispose()
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool).</summary>
    public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
