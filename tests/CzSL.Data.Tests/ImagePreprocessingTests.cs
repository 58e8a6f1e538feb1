using CzSL.Data.Images;
using CzSL.Data.Manifest;
using SkiaSharp;

namespace CzSL.Data.Tests;

/// <summary>
/// The anti-aliased downscale and the centre crop: the sizes they imply, the pixels the decoder keeps, the cache that
/// records them, and what they are for — two cutouts of the same sky at different sizes and framings give similar
/// network inputs (and do not with nearest-pixel picking, the negative control).
/// </summary>
[TestClass]
public sealed class ImagePreprocessingTests
{
    [TestMethod]
    public void Sizes_follow_from_the_input_size_the_downscale_and_the_crop()
    {
        var plain = new ImagePreprocessing(64);
        Assert.AreEqual((64, 64, 0), (plain.ResizeSize, plain.CropSize, plain.CropOffset));
        Assert.IsTrue(plain.IsPlainResize);
        Assert.AreEqual("64", plain.Key);

        var area = new ImagePreprocessing(64, 4);
        Assert.AreEqual((256, 256, 0), (area.ResizeSize, area.CropSize, area.CropOffset));
        Assert.IsFalse(area.IsPlainResize);

        // 64·4 / 0.3 = 853.3 → 853 px resize; (853 − 256) / 2 = 298.5 → first kept row 298.
        var framed = new ImagePreprocessing(64, 4, 0.3);
        Assert.AreEqual((853, 256, 298), (framed.ResizeSize, framed.CropSize, framed.CropOffset));
        Assert.AreEqual("64-x4-c0.3", framed.Key);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ImagePreprocessing(64, 0).Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ImagePreprocessing(64, 9).Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ImagePreprocessing(64, 1, 0).Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ImagePreprocessing(64, 1, 1.5).Validated());
    }

    [TestMethod]
    public void Auto_downscale_uses_the_source_pixels_the_crop_keeps_and_at_most_four()
    {
        Assert.AreEqual(4, ImagePreprocessing.AutoDownscale(64, 1, 423), "423 / 64 = 6.6 → capped at 4");
        Assert.AreEqual(1, ImagePreprocessing.AutoDownscale(64, 0.3, 120), "0.3 · 120 = 36 px < 64: nothing to average");
        Assert.AreEqual(3, ImagePreprocessing.AutoDownscale(32, 1, 120), "120 / 32 = 3.75 → 3");
        Assert.AreEqual(1, ImagePreprocessing.AutoDownscale(32, 1, 32), "simulated 32 px images at 32 px");
    }

    [TestMethod]
    public void The_decoder_keeps_the_centre_of_the_resized_frame()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-crop-").FullName;
        try
        {
            // 8×8 image whose pixel (x, y) has R = 10·x, G = 10·y: resize 8 → 8 is exact, the crop keeps x, y ∈ 2..5.
            var path = Path.Combine(folder, "grid.png");
            WritePng(path, 8, (x, y) => new SKColor((byte)(10 * x), (byte)(10 * y), 7));
            var preprocessing = new ImagePreprocessing(2, 2, 0.5);
            Assert.AreEqual((8, 4, 2), (preprocessing.ResizeSize, preprocessing.CropSize, preprocessing.CropOffset));
            var rgb = new byte[4 * 4 * 3];
            ImageDecoder.DecodeRgb(path, preprocessing, rgb);
            for (var y = 0; y < 4; y++)
                for (var x = 0; x < 4; x++)
                {
                    var o = (y * 4 + x) * 3;
                    Assert.AreEqual((10 * (x + 2), 10 * (y + 2), 7), (rgb[o], rgb[o + 1], rgb[o + 2]), $"pixel ({x}, {y})");
                }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void The_cache_records_the_preprocessing_and_is_stale_for_another()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-prep-cache-").FullName;
        try
        {
            WritePng(Path.Combine(folder, "a.png"), 12, (x, y) => new SKColor((byte)(20 * x), (byte)(20 * y), 0));
            File.WriteAllText(Path.Combine(folder, "manifest.csv"), "id,image\na,a.png\n");
            var manifest = DatasetManifest.Load(folder);
            var preprocessing = new ImagePreprocessing(3, 2, 0.5);
            var cache = Path.Combine(folder, "images.bin");
            var store = ImageStore.LoadOrDecode(cache, manifest, preprocessing);
            Assert.AreEqual((6, 3), (store.Size, store.InputSize));
            Assert.AreEqual(preprocessing, ImageStore.Load(cache, manifest, preprocessing).Preprocessing);
            Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, manifest, new ImagePreprocessing(3, 2)), "another crop");
            Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, manifest, new ImagePreprocessing(6)), "same stored size, no downscale");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Two_cutouts_of_the_same_sky_give_similar_inputs_with_the_area_downscale_and_not_with_nearest_pixels()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-framing-").FullName;
        try
        {
            // A 423 px cutout (GZ1's size) of a noisy sky with a smooth galaxy, and a 120 px cutout of its centre half
            // (a tighter framing at coarser pixels), made by SkiaSharp's high-quality resampling.
            var sky = Sky(423, seed: 3);
            var wide = Path.Combine(folder, "wide.png");
            var tight = Path.Combine(folder, "tight.png");
            WritePng(wide, 423, (x, y) => sky[y * 423 + x]);
            using (var full = SKBitmap.Decode(wide))
            using (var centre = new SKBitmap())
            {
                Assert.IsTrue(full.ExtractSubset(centre, SKRectI.Create(106, 106, 211, 211)));
                using var small = centre.Resize(new SKImageInfo(120, 120), SKFilterQuality.High);
                using var data = small.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(tight, data.ToArray());
            }

            const int size = 32;
            var nearest = MeanAbsoluteDifference(Input(wide, new ImagePreprocessing(size, 1, 0.5)), Input(tight, new ImagePreprocessing(size)));
            var area = MeanAbsoluteDifference(
                Input(wide, new ImagePreprocessing(size, ImagePreprocessing.AutoDownscale(size, 0.5, 423), 0.5)),
                Input(tight, new ImagePreprocessing(size, ImagePreprocessing.AutoDownscale(size, 1, 120))));
            Assert.IsTrue(area < 0.5 * nearest, $"mean |Δ| per value: area {area:F2}, nearest {nearest:F2} (0–255 scale)");
            Assert.IsTrue(area < 12, $"area-downscaled inputs differ by {area:F2} grey levels on average");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The network input in 0–255 units: decoded and cropped by the decoder, then each k×k block averaged (written out
    // here independently of the training code).
    private static double[] Input(string path, ImagePreprocessing p)
    {
        var crop = new byte[p.CropSize * p.CropSize * 3];
        ImageDecoder.DecodeRgb(path, p, crop);
        var k = p.Downscale;
        var input = new double[p.Size * p.Size * 3];
        for (var y = 0; y < p.Size; y++)
            for (var x = 0; x < p.Size; x++)
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0.0;
                    for (var dy = 0; dy < k; dy++)
                        for (var dx = 0; dx < k; dx++)
                            sum += crop[((y * k + dy) * p.CropSize + x * k + dx) * 3 + c];
                    input[(y * p.Size + x) * 3 + c] = sum / (k * k);
                }
        return input;
    }

    private static double MeanAbsoluteDifference(double[] a, double[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Average();

    private static SKColor[] Sky(int side, int seed)
    {
        var random = new Random(seed);
        var pixels = new SKColor[side * side];
        var c = side / 2.0;
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
            {
                double dx = (x - c) / side, dy = (y - c) / side;
                var galaxy = 180 * Math.Exp(-(dx * dx / 0.004 + dy * dy / 0.0015));
                byte Channel(double scale) => (byte)Math.Clamp(20 + scale * galaxy + random.Next(-50, 51), 0, 255);
                pixels[y * side + x] = new SKColor(Channel(1.0), Channel(0.8), Channel(0.6));
            }
        return pixels;
    }

    private static void WritePng(string path, int side, Func<int, int, SKColor> color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
                bitmap.SetPixel(x, y, color(x, y));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
