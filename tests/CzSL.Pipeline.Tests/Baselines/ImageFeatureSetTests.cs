using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Baselines.Features;
using CzSL.Pipeline.Tests.Baselines.Features;
using Microsoft.ML;
using SkiaSharp;

namespace CzSL.Pipeline.Tests.Baselines;

[TestClass]
public sealed class ImageFeatureSetTests
{
    private const int Size = 48;

    [TestMethod]
    public void RawPixelsSeparateImagesByWhereTheLightIs()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-pixels-");
        try
        {
            var random = new Random(11);
            var paths = new List<string>();
            var labels = new List<int>();
            for (var i = 0; i < 60; i++)
            {
                var label = i % 2;
                var centreY = label == 0 ? 12 : 36;
                var rgb = SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(200, 4, 1), 24 + random.Next(-4, 5), centreY, noise: 4, seed: i);
                var path = Path.Combine(folder.FullName, $"g{i}.png");
                WritePng(path, rgb, Size);
                paths.Add(path);
                labels.Add(label);
            }
            var ml = new MLContext(0);
            var train = BaselineData.FromImagePaths(ml, paths[..40], labels[..40]);
            var test = BaselineData.FromImagePaths(ml, paths[40..]);
            var options = new BaselineOptions { Trainer = ClassicalTrainer.Lbfgs, MaximumIterations = 30 };

            var run = new ClassicalBaseline(new RawPixelFeaturizer(), options).Run(train, test, 2);

            Assert.AreEqual("Lbfgs (pixels)", run.Method);
            Assert.IsGreaterThan(0.9, SeparableData.Accuracy(labels[40..], run.Predicted));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void CasFeaturesSeparateEllipticalsFromClockwiseAndAnticlockwiseSpirals()
    {
        var random = new Random(12);
        var images = new Dictionary<string, byte[]>();
        var labels = new List<int>();
        for (var i = 0; i < 90; i++)
        {
            var label = i % 3;
            var scale = 5 + 3 * random.NextDouble();
            var pitch = 3 + 3 * random.NextDouble();
            var light = label switch
            {
                0 => SyntheticGalaxy.Gaussian2D(220, scale, scale * (0.6 + 0.4 * random.NextDouble())),
                1 => SyntheticGalaxy.Spiral(180, scale, pitch),
                _ => SyntheticGalaxy.Spiral(180, scale, -pitch),
            };
            images[$"galaxy-{i}"] = SyntheticGalaxy.Render(Size, light, 23.5 + random.NextDouble(), 23.5 + random.NextDouble(), noise: 3, seed: i);
            labels.Add(label);
        }
        var progress = new CountingProgress();
        var features = CasFeatureTable.Compute(images.Keys.ToArray(), name => images[name], Size, progress);
        Assert.HasCount(MorphologyFeatures.Count, features[0]);
        Assert.AreEqual(90, progress.Last);

        var ml = new MLContext(0);
        var options = new BaselineOptions { Trainer = ClassicalTrainer.LightGbm, NumberOfTrees = 30, NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 3 };
        var run = new ClassicalBaseline(VectorFeaturizer.Cas(), options)
            .Run(BaselineData.FromVectors(ml, features[..60], labels[..60]), BaselineData.FromVectors(ml, features[60..]), 3);

        Assert.IsGreaterThan(0.85, SeparableData.Accuracy(labels[60..], run.Predicted));
    }

    [TestMethod]
    public void CasTableNamesTheImageOfAWrongSize()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => CasFeatureTable.Compute(["a.png"], _ => new byte[12], Size));
        StringAssert.Contains(e.Message, "a.png");
    }

    private sealed class CountingProgress : IProgress<int>
    {
        public int Last { get; private set; }
        public void Report(int value) => Last = value;
    }

    private static void WritePng(string path, byte[] rgb, int size)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var i = 3 * (y * size + x);
            bitmap.SetPixel(x, y, new SKColor(rgb[i], rgb[i + 1], rgb[i + 2]));
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
