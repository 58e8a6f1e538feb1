using CzSL.Data.Images;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>
/// ML.NET's LoadImages → ResizeImages(Fill) → ExtractPixels must see the same pixels as CzSL.Data's ImageDecoder,
/// which the batched ONNX Runtime route and training use.
/// </summary>
[TestClass]
public sealed class PixelParityTests
{
    private const int Target = 64;

    public sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private static float[] MlNetPixels(string path)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new PathRow { ImagePath = path } });
        var pipeline = ml.Transforms.LoadImages("img", "", nameof(PathRow.ImagePath))
            .Append(ml.Transforms.ResizeImages("img", Target, Target, "img", ImageResizingEstimator.ResizingKind.Fill))
            .Append(ml.Transforms.ExtractPixels("pixels", "img", interleavePixelColors: false, scaleImage: 1f / 255f));
        return pipeline.Fit(data).Transform(data).GetColumn<float[]>("pixels").Single();
    }

    private static void AssertParity(string path)
    {
        var mlnet = MlNetPixels(path);
        var decoded = ImageDecoder.DecodeRgb(path, Target);
        var plane = Target * Target;
        Assert.HasCount(3 * plane, mlnet);
        var worst = 0.0;
        for (var c = 0; c < 3; c++)
            for (var p = 0; p < plane; p++)
                worst = Math.Max(worst, Math.Abs(mlnet[c * plane + p] - decoded[3 * p + c] / 255f));
        Assert.IsLessThanOrEqualTo(1.0 / 255 + 1e-6, worst, $"worst pixel difference {worst * 255:F2}/255 for '{path}'");
    }

    [TestMethod]
    public void Generated_423_pixel_image_resized_to_64_matches_the_decoder()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-parity-").FullName;
        try
        {
            var path = Path.Combine(folder, "gradient.png");
            TestImages.WriteGradientPng(path, 423, 423, seed: 3);
            AssertParity(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Real_gz1_jpeg_resized_to_64_matches_the_decoder()
    {
        var images = SharedData.Gz1Images(out var reason);
        if (images is null)
        {
            Assert.Inconclusive($"Skipped: {reason}.");
            return;
        }
        var files = Directory.EnumerateFiles(images, "*.jpeg").Order(StringComparer.Ordinal).Take(3).ToList();
        if (files.Count == 0) Assert.Inconclusive($"Skipped: no .jpeg files in '{images}'.");
        foreach (var file in files) AssertParity(file);
    }
}
