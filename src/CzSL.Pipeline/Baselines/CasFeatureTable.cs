using CzSL.Pipeline.Baselines.Features;

namespace CzSL.Pipeline.Baselines;

/// <summary>Computes CAS morphology vectors (<see cref="MorphologyFeatures.ToVector"/>) for a list of images.</summary>
public static class CasFeatureTable
{
    /// <summary>
    /// Decodes each image with <paramref name="decodeRgb"/> (returning <paramref name="size"/>×<paramref name="size"/>×3
    /// interleaved RGB bytes, e.g. <c>path =&gt; ImageDecoder.DecodeRgb(path, size)</c>) and computes its features.
    /// Reports the number of images done through <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">An image fails to decode or has the wrong size; the message names the file.</exception>
    public static float[][] Compute(IReadOnlyList<string> imagePaths, Func<string, byte[]> decodeRgb, int size, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        ArgumentNullException.ThrowIfNull(decodeRgb);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var result = new float[imagePaths.Count][];
        for (var i = 0; i < imagePaths.Count; i++)
        {
            byte[] rgb;
            try
            {
                rgb = decodeRgb(imagePaths[i]);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{imagePaths[i]}: cannot decode image for CAS features: {e.Message}", e);
            }
            if (rgb.Length != size * size * 3)
                throw new InvalidDataException($"{imagePaths[i]}: decoded {rgb.Length} bytes; expected {size}×{size}×3 = {size * size * 3}.");
            result[i] = CasFeatureExtractor.Compute(rgb, size, size).ToVector();
            progress?.Report(i + 1);
        }
        return result;
    }
}
