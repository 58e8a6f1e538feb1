using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CzSL.Data.Manifest;

namespace CzSL.Data.Images;

/// <summary>
/// All images of a dataset decoded once into one contiguous uint8 array, N×H×W×3 (HWC, RGB), in manifest order,
/// with a binary cache file so a dataset is decoded only once. Images are stored as <see cref="Preprocessing"/> crops
/// them (<see cref="ImagePreprocessing.CropSize"/> px); the network input is their
/// <see cref="ImagePreprocessing.Downscale"/>-block average (<see cref="InputSize"/> px), taken per batch.
/// </summary>
/// <remarks>
/// Cache file format (little-endian): the 8 ASCII bytes <c>CZSLIMG2</c>; int32 count; int32 size (the stored side);
/// int32 channels (3); int32 network input size; int32 downscale; float64 centre crop; the 32-byte SHA-256 source key of the images (<see cref="SourceKey(DatasetManifest)"/>: the dataset folder and, per
/// record, its id, image path, file size and modification time); then count·size·size·3 pixel bytes. It is written
/// atomically. A cache whose count, size or key does not match the manifest is stale
/// (<see cref="StaleImageCacheException"/>) and rebuilt by <c>LoadOrDecode</c>: re-simulating or re-downloading
/// images into the same folder (or pointing another dataset at the cache) changes the key. A truncated or foreign file
/// is corrupt (<see cref="InvalidDataException"/>).
/// </remarks>
public sealed class ImageStore
{
    private static readonly byte[] Magic = "CZSLIMG2"u8.ToArray();
    private static readonly byte[] OldMagic = "CZSLIMG1"u8.ToArray();
    private const int Channels = 3;
    private const int HashOffset = 8 + 4 + 4 + 4 + 4 + 4 + 8;
    private const int HeaderBytes = HashOffset + 32;

    private ImageStore(int count, ImagePreprocessing preprocessing, byte[] pixels, byte[] hash)
    {
        Count = count;
        Preprocessing = preprocessing;
        Size = preprocessing.CropSize;
        Pixels = pixels;
        _hash = hash;
    }

    private readonly byte[] _hash;

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Side of each stored (square) image in pixels: <see cref="ImagePreprocessing.CropSize"/>.</summary>
    public int Size { get; }

    /// <summary>How the files became the stored images and how those become the network input.</summary>
    public ImagePreprocessing Preprocessing { get; }

    /// <summary>Side of the network input: <see cref="Size"/> / <see cref="ImagePreprocessing.Downscale"/>.</summary>
    public int InputSize => Preprocessing.Size;

    /// <summary>Bytes per image: Size·Size·3.</summary>
    public int ImageBytes => Size * Size * Channels;

    /// <summary>All pixels, image after image, each HWC RGB.</summary>
    public byte[] Pixels { get; }

    /// <summary>The source key (SHA-256, hex) of the images the store was built from (<see cref="SourceKey(DatasetManifest)"/>).</summary>
    public string Hash => Convert.ToHexString(_hash);

    /// <summary>The pixels of image <paramref name="index"/> (Size·Size·3 bytes, HWC RGB).</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * ImageBytes, ImageBytes);
    }

    /// <summary>
    /// Decodes every record's image resized to <paramref name="size"/> px (nearest pixel, the whole frame).
    /// </summary>
    /// <inheritdoc cref="Decode(DatasetManifest, ImagePreprocessing, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>
    public static ImageStore Decode(DatasetManifest manifest, int size, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default) =>
        Decode(manifest, new ImagePreprocessing(size), progress, cancellation);

    /// <summary>
    /// Decodes every record's image with <see cref="ImageDecoder.DecodeRgb(string, ImagePreprocessing, Span{byte})"/>, in parallel
    /// (at most <see cref="Environment.ProcessorCount"/> at once), reporting (done, total) to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="ImageDecodeException">An image is missing or corrupt, or a record has no image; the message names
    /// the file and the manifest row (the first such row in file order among those found).</exception>
    public static ImageStore Decode(DatasetManifest manifest, ImagePreprocessing preprocessing, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Decode(manifest, preprocessing, Enumerable.Range(0, manifest.Records.Count).ToArray(), progress, cancellation);
    }

    /// <summary>
    /// Decodes the images of the records <paramref name="rows"/> only (indices into <see cref="DatasetManifest.Records"/>):
    /// image k of the store is record <paramref name="rows"/>[k]. Its source key covers those records alone, so a saved
    /// subset never passes for the whole dataset's cache.
    /// </summary>
    /// <inheritdoc cref="Decode(DatasetManifest, ImagePreprocessing, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>
    public static ImageStore Decode(DatasetManifest manifest, ImagePreprocessing preprocessing, IReadOnlyList<int> rows, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(rows);
        preprocessing.Validated();
        var size = preprocessing.CropSize;
        var records = manifest.Records;
        var n = rows.Count;
        var imageBytes = (long)size * size * Channels;
        if (imageBytes * n > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(preprocessing), $"{n} images of {size}×{size} do not fit in one array; use a smaller size.");
        foreach (var i in rows)
            if (records[i].Image is null)
                throw new ImageDecodeException("", $"{Path.GetFileName(manifest.ManifestPath)} line {manifest.LineOf(i)}: galaxy '{records[i].Id}' has no image.");

        // Keyed before decoding: a file that changes while it is decoded makes the saved cache stale, never wrongly fresh.
        var key = ComputeHash(manifest, rows);
        var pixels = new byte[imageBytes * n];
        var done = 0;
        var step = Math.Max(1, n / 200);
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, ImageDecodeException Error)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        Parallel.For(0, n, options, (k, state) =>
        {
            var i = rows[k];
            var path = manifest.ImagePath(records[i]);
            try
            {
                ImageDecoder.DecodeRgb(path, preprocessing, pixels.AsSpan((int)(k * imageBytes), (int)imageBytes));
            }
            catch (ImageDecodeException e)
            {
                failures.Add((i, new ImageDecodeException(path,
                    $"{Path.GetFileName(manifest.ManifestPath)} line {manifest.LineOf(i)}, column image (galaxy '{records[i].Id}'): {e.Message}", e)));
                state.Stop();
                return;
            }
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d % step == 0 || d == n)) progress.Report((d, n));
        });
        if (!failures.IsEmpty) throw failures.MinBy(f => f.Index).Error;
        return new ImageStore(n, preprocessing, pixels, key);
    }

    /// <summary>
    /// Loads the cache at <paramref name="cachePath"/> when it matches <paramref name="manifest"/> and
    /// <paramref name="size"/>; otherwise (missing or stale) decodes the images and saves the cache.
    /// </summary>
    /// <exception cref="InvalidDataException">The cache file exists but is corrupt (delete it).</exception>
    public static ImageStore LoadOrDecode(string cachePath, DatasetManifest manifest, int size, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default) =>
        LoadOrDecode(cachePath, manifest, new ImagePreprocessing(size), progress, cancellation);

    /// <summary>
    /// Loads the cache at <paramref name="cachePath"/> when it matches <paramref name="manifest"/> and
    /// <paramref name="preprocessing"/>; otherwise (missing or stale) decodes the images and saves the cache.
    /// </summary>
    /// <exception cref="InvalidDataException">The cache file exists but is corrupt (delete it).</exception>
    public static ImageStore LoadOrDecode(string cachePath, DatasetManifest manifest, ImagePreprocessing preprocessing, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cachePath);
        if (File.Exists(cachePath))
        {
            try
            {
                return Load(cachePath, manifest, preprocessing);
            }
            catch (StaleImageCacheException)
            {
                // Rebuilt below.
            }
        }
        var store = Decode(manifest, preprocessing, progress, cancellation);
        store.Save(cachePath);
        return store;
    }

    /// <summary>
    /// The key that identifies the images of <paramref name="manifest"/> as they are on disk now: SHA-256 over the
    /// dataset folder's full path and, per record in order, its id, image path, and the image file's size and last
    /// write time (−1 for a missing file). Any rewritten, replaced or added image file changes it.
    /// </summary>
    public static string SourceKey(DatasetManifest manifest) => Convert.ToHexString(ComputeHash(manifest));

    private static byte[] ComputeHash(DatasetManifest manifest) =>
        ComputeHash(manifest, Enumerable.Range(0, manifest?.Records.Count ?? throw new ArgumentNullException(nameof(manifest))).ToArray());

    private static byte[] ComputeHash(DatasetManifest manifest, IReadOnlyList<int> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string value)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(value));
            sha.AppendData([0]);
        }
        Span<byte> stamp = stackalloc byte[16];
        Text(Path.GetFullPath(manifest.Folder));
        foreach (var r in rows.Select(i => manifest.Records[i]))
        {
            Text(r.Id);
            Text(r.Image ?? "");
            var file = r.Image is null ? null : new FileInfo(manifest.ImagePath(r));
            var exists = file is { Exists: true };
            BinaryPrimitives.WriteInt64LittleEndian(stamp, exists ? file!.Length : -1);
            BinaryPrimitives.WriteInt64LittleEndian(stamp[8..], exists ? file!.LastWriteTimeUtc.Ticks : -1);
            sha.AppendData(stamp);
        }
        return sha.GetHashAndReset();
    }

    /// <summary>Writes the store to <paramref name="path"/> atomically (format in the class remarks).</summary>
    public void Save(string path)
    {
        AtomicFile.Write(path, s =>
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], Count);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], Size);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], Channels);
            BinaryPrimitives.WriteInt32LittleEndian(header[20..], Preprocessing.Size);
            BinaryPrimitives.WriteInt32LittleEndian(header[24..], Preprocessing.Downscale);
            BinaryPrimitives.WriteDoubleLittleEndian(header[28..], Preprocessing.CentreCrop);
            _hash.CopyTo(header[HashOffset..]);
            s.Write(header);
            s.Write(Pixels);
        });
    }

    /// <summary>Reads a cache file without checking it against a manifest.</summary>
    /// <exception cref="StaleImageCacheException">A cache of an earlier format (rebuilt by <see cref="LoadOrDecode(string, DatasetManifest, ImagePreprocessing, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>).</exception>
    /// <exception cref="InvalidDataException">Not a cache file, or truncated.</exception>
    public static ImageStore Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> header = stackalloc byte[HeaderBytes];
        var read = s.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        if (read >= 8 && header[..8].SequenceEqual(OldMagic))
            throw new StaleImageCacheException(path, $"Image cache '{path}' is of an earlier format (CZSLIMG1); it is rebuilt.");
        if (read < HeaderBytes || !header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not an image cache file (bad header).");
        var count = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var size = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var channels = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        var preprocessing = new ImagePreprocessing(BinaryPrimitives.ReadInt32LittleEndian(header[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[24..]), BinaryPrimitives.ReadDoubleLittleEndian(header[28..]));
        var hash = header.Slice(HashOffset, 32).ToArray();
        var bytes = (long)count * size * size * channels;
        var valid = preprocessing is { Size: > 0, Downscale: >= 1 and <= ImagePreprocessing.MaxDownscale, CentreCrop: > 0 and <= 1 }
            && preprocessing.CropSize == size;
        if (count < 0 || size <= 0 || channels != Channels || !valid || bytes > Array.MaxLength || s.Length != HeaderBytes + bytes)
            throw new InvalidDataException($"Image cache '{path}' is corrupt: header says {count} images of {size}×{size}×{channels} ({preprocessing}), file holds {s.Length - HeaderBytes} pixel bytes.");
        var pixels = new byte[bytes];
        s.ReadExactly(pixels);
        return new ImageStore(count, preprocessing, pixels, hash);
    }

    /// <summary>Reads a cache file and checks that it was built from <paramref name="manifest"/>'s images, as they are now, at <paramref name="size"/>.</summary>
    /// <exception cref="StaleImageCacheException">The cache was built from other images (or other versions of them) or another size.</exception>
    /// <exception cref="InvalidDataException">Not a cache file, or truncated.</exception>
    public static ImageStore Load(string path, DatasetManifest manifest, int size) => Load(path, manifest, new ImagePreprocessing(size));

    /// <summary>Reads a cache file and checks that it was built from <paramref name="manifest"/>'s images, as they are now, with <paramref name="preprocessing"/>.</summary>
    /// <exception cref="StaleImageCacheException">The cache was built from other images (or other versions of them) or with other preprocessing.</exception>
    /// <exception cref="InvalidDataException">Not a cache file, or truncated.</exception>
    public static ImageStore Load(string path, DatasetManifest manifest, ImagePreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(preprocessing);
        var store = Load(path);
        var expected = ComputeHash(manifest);
        if (store.Count != manifest.Records.Count || store.Preprocessing != preprocessing || !store._hash.AsSpan().SequenceEqual(expected))
            throw new StaleImageCacheException(path,
                $"Image cache '{path}' is stale: it holds {store.Count} images ({store.Preprocessing}; source key {store.Hash[..12]}…), " +
                $"the manifest {manifest.ManifestPath} needs {manifest.Records.Count} ({preprocessing}; source key {Convert.ToHexString(expected)[..12]}…).");
        return store;
    }
}

/// <summary>An image cache built from other images (or older versions of them) or another image size than the one asked for.</summary>
public sealed class StaleImageCacheException(string file, string message) : IOException(message)
{
    /// <summary>Path of the cache file.</summary>
    public string File { get; } = file;
}
