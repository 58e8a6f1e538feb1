using CzSL.Data.Images;
using CzSL.Data.Manifest;
using SkiaSharp;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class ImageTests
{
    /// <summary>Writes a PNG whose pixel (x, y) is <paramref name="color"/>(x, y).</summary>
    private static void WritePng(string path, int width, int height, Func<int, int, SKColor> color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, color(x, y));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static SKColor Unique(int x, int y) => new((byte)(10 * x + 1), (byte)(20 * y + 2), (byte)(x * y + 3));

    [TestMethod]
    public void DecodesExactPixelsInHwcRgbOrder_WhenNoResizeIsNeeded()
    {
        using var dir = new TempFolder();
        var path = dir.File("a.png");
        WritePng(path, 5, 5, Unique);
        var rgb = ImageDecoder.DecodeRgb(path, 5);
        Assert.HasCount(75, rgb);
        for (var y = 0; y < 5; y++)
            for (var x = 0; x < 5; x++)
            {
                var c = Unique(x, y);
                var o = (y * 5 + x) * 3;
                Assert.AreEqual(c.Red, rgb[o], $"R at {x},{y}");
                Assert.AreEqual(c.Green, rgb[o + 1], $"G at {x},{y}");
                Assert.AreEqual(c.Blue, rgb[o + 2], $"B at {x},{y}");
            }
    }

    [TestMethod]
    public void FillResizeSamplesNearestPixel()
    {
        using var dir = new TempFolder();
        var path = dir.File("blocks.png");
        // 8×8 made of 2×2 blocks of distinct colours: a 4×4 nearest-neighbour resize keeps one colour per block.
        WritePng(path, 8, 8, (x, y) => Unique(x / 2, y / 2));
        var small = ImageDecoder.DecodeRgb(path, 4);
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
            {
                var c = Unique(x, y);
                CollectionAssert.AreEqual(new[] { c.Red, c.Green, c.Blue }, small[((y * 4 + x) * 3)..((y * 4 + x) * 3 + 3)], $"block {x},{y}");
            }

        // Non-square source, stretched (Fill ignores aspect ratio): 2×1 → 4×4 gives left half / right half.
        var wide = dir.File("wide.png");
        WritePng(wide, 2, 1, (x, _) => x == 0 ? SKColors.Red : SKColors.Blue);
        var big = ImageDecoder.DecodeRgb(wide, 4);
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
            {
                var o = (y * 4 + x) * 3;
                Assert.AreEqual(x < 2 ? (byte)255 : (byte)0, big[o], $"R at {x},{y}");
                Assert.AreEqual(x < 2 ? (byte)0 : (byte)255, big[o + 2], $"B at {x},{y}");
            }
    }

    [TestMethod]
    public void CorruptOrMissingFileFailsNamingTheFile()
    {
        using var dir = new TempFolder();
        var corrupt = dir.Write("bad.png", "this is not a PNG");
        var e = Assert.ThrowsExactly<ImageDecodeException>(() => ImageDecoder.DecodeRgb(corrupt, 4));
        Assert.AreEqual(corrupt, e.File);
        StringAssert.Contains(e.Message, corrupt);
        var missing = dir.File("none.png");
        StringAssert.Contains(Assert.ThrowsExactly<ImageDecodeException>(() => ImageDecoder.DecodeRgb(missing, 4)).Message, missing);
    }

    private static DatasetManifest MakeDataset(TempFolder dir, int count)
    {
        var records = new List<GalaxyRecord>();
        for (var i = 0; i < count; i++)
        {
            var k = i;
            WritePng(dir.File($"img/{i}.png"), 6, 6, (x, y) => new SKColor((byte)(40 * k), (byte)(x * 30), (byte)(y * 30)));
            records.Add(new GalaxyRecord { Id = $"g{i}", Image = $"img/{i}.png" });
        }
        DatasetManifest.Save(dir.Path, records);
        return DatasetManifest.Load(dir.Path);
    }

    [TestMethod]
    public void StoreDecodesInManifestOrder_AndReportsProgress()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 5);
        var reports = new List<(int Done, int Total)>();
        var store = ImageStore.Decode(manifest, 3, new SyncProgress(reports));
        Assert.AreEqual(5, store.Count);
        Assert.HasCount(5 * 3 * 3 * 3, store.Pixels);
        for (var i = 0; i < 5; i++)
            CollectionAssert.AreEqual(ImageDecoder.DecodeRgb(manifest.ImagePath(manifest.Records[i]), 3), store.Image(i).ToArray(), $"image {i}");
        Assert.AreEqual((byte)(40 * 4), store.Image(4)[0]);
        Assert.AreEqual((5, 5), reports.MaxBy(r => r.Done));
        Assert.IsTrue(reports.All(r => r.Total == 5));
    }

    [TestMethod]
    public void ASubsetStoreHoldsTheChosenRowsInOrder_DecodingNoOther()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 5);
        File.WriteAllText(dir.File("img/1.png"), "corrupt"); // not chosen: never decoded
        var store = ImageStore.Decode(manifest, new ImagePreprocessing(3), [4, 0, 2]);
        Assert.AreEqual(3, store.Count);
        int[] rows = [4, 0, 2];
        for (var k = 0; k < 3; k++)
            CollectionAssert.AreEqual(ImageDecoder.DecodeRgb(manifest.ImagePath(manifest.Records[rows[k]]), 3), store.Image(k).ToArray(), $"image {k} is row {rows[k]}");
        Assert.AreNotEqual(ImageStore.SourceKey(manifest), store.Hash, "a subset is not keyed as the whole dataset");
        var e = Assert.ThrowsExactly<ImageDecodeException>(() => ImageStore.Decode(manifest, new ImagePreprocessing(3), [3, 1]));
        StringAssert.Contains(e.Message, "manifest.csv line 3", "a chosen bad row is named by its manifest line");
    }

    [TestMethod]
    public void StoreCacheRoundTrips_AndDetectsStaleAndCorruptFiles()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 4);
        var cache = dir.File("cache/images-3.bin");
        var store = ImageStore.Decode(manifest, 3);
        store.Save(cache);
        var back = ImageStore.Load(cache, manifest, 3);
        CollectionAssert.AreEqual(store.Pixels, back.Pixels);
        Assert.AreEqual(store.Hash, back.Hash);

        Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, manifest, 4), "other size");
        var records = manifest.Records.ToList();
        records[1] = records[1] with { Image = "img/2.png" };
        DatasetManifest.Save(dir.Path, records);
        var changed = DatasetManifest.Load(dir.Path);
        Assert.AreNotEqual(ImageStore.SourceKey(manifest), ImageStore.SourceKey(changed));
        Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, changed, 3), "other image list");

        var rebuilt = ImageStore.LoadOrDecode(cache, changed, 3);
        CollectionAssert.AreEqual(rebuilt.Image(2).ToArray(), rebuilt.Image(1).ToArray());
        Assert.AreEqual(rebuilt.Hash, ImageStore.Load(cache, changed, 3).Hash, "the rebuilt cache was saved");

        var bytes = File.ReadAllBytes(cache);
        File.WriteAllBytes(cache, bytes[..^1]);
        Assert.ThrowsExactly<InvalidDataException>(() => ImageStore.Load(cache));
        File.WriteAllText(cache, "garbage");
        Assert.ThrowsExactly<InvalidDataException>(() => ImageStore.Load(cache));
    }

    [TestMethod]
    public void StoreFailsNamingTheFileAndManifestRow()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 3);
        File.WriteAllText(dir.File("img/1.png"), "corrupt");
        var e = Assert.ThrowsExactly<ImageDecodeException>(() => ImageStore.Decode(manifest, 3));
        Assert.AreEqual(manifest.ImagePath(manifest.Records[1]), e.File);
        StringAssert.Contains(e.Message, "manifest.csv line 3, column image (galaxy 'g1')");
        StringAssert.Contains(e.Message, "img/1.png");
    }

    [TestMethod]
    public void CacheIsStaleOnceAnImageFileIsRewritten_AndIsRebuiltWithTheNewPixels()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 4);
        var cache = dir.File("cache/images-3.bin");
        var before = ImageStore.LoadOrDecode(cache, manifest, 3);

        // Same id, same relative path, new content (as re-simulating or re-downloading into the folder does).
        WritePng(dir.File("img/2.png"), 6, 6, (x, y) => new SKColor(250, (byte)(255 - 30 * x), (byte)(255 - 30 * y)));
        var expected = ImageDecoder.DecodeRgb(dir.File("img/2.png"), 3);
        CollectionAssert.AreNotEqual(expected, before.Image(2).ToArray(), "negative control: the new image differs from the cached one");

        Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, manifest, 3));
        var after = ImageStore.LoadOrDecode(cache, manifest, 3);
        CollectionAssert.AreEqual(expected, after.Image(2).ToArray(), "the new pixels, not the cached ones");
        CollectionAssert.AreEqual(before.Image(1).ToArray(), after.Image(1).ToArray(), "unchanged images keep their pixels");
        Assert.AreEqual(after.Hash, ImageStore.Load(cache, manifest, 3).Hash, "the rebuilt cache was saved");
    }

    [TestMethod]
    public void CacheOfOneDatasetFolderIsStaleForAnotherWithTheSameImagePaths()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var a = MakeDataset(first, 3);
        var b = MakeDataset(second, 3);
        var cache = first.File("images-3.bin");
        ImageStore.Decode(a, 3).Save(cache);
        Assert.AreNotEqual(ImageStore.SourceKey(a), ImageStore.SourceKey(b));
        Assert.ThrowsExactly<StaleImageCacheException>(() => ImageStore.Load(cache, b, 3));
    }

    private static byte[] Noise(int size, SKEncodedImageFormat format)
    {
        var random = new Random(5);
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    [TestMethod]
    [DataRow(SKEncodedImageFormat.Png, "png")]
    [DataRow(SKEncodedImageFormat.Jpeg, "jpeg")]
    public void TruncatedImagesAreRefusedNamingTheFile(SKEncodedImageFormat format, string extension)
    {
        using var dir = new TempFolder();
        var bytes = Noise(32, format);
        var whole = dir.File("whole." + extension);
        File.WriteAllBytes(whole, bytes);
        var cut = dir.File("cut." + extension);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        Assert.HasCount(32 * 32 * 3, ImageDecoder.DecodeRgb(whole, 32), "negative control: the whole file decodes");
        ImageDecoder.EnsureComplete(whole);
        var e = Assert.ThrowsExactly<ImageDecodeException>(() => ImageDecoder.DecodeRgb(cut, 32));
        Assert.AreEqual(cut, e.File);
        StringAssert.Contains(e.Message, cut);
        StringAssert.Contains(e.Message, "truncated");
        StringAssert.Contains(Assert.ThrowsExactly<ImageDecodeException>(() => ImageDecoder.EnsureComplete(cut)).Message, "truncated");
    }

    [TestMethod]
    public void StoreRefusesATruncatedImageNamingTheManifestRow()
    {
        using var dir = new TempFolder();
        var manifest = MakeDataset(dir, 3);
        var bytes = Noise(16, SKEncodedImageFormat.Png);
        File.WriteAllBytes(dir.File("img/2.png"), bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsExactly<ImageDecodeException>(() => ImageStore.Decode(manifest, 3));
        StringAssert.Contains(e.Message, "manifest.csv line 4, column image (galaxy 'g2')");
        StringAssert.Contains(e.Message, "truncated");
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<(int, int)> sink) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (sink) sink.Add(value);
        }
    }
}
