namespace CzSL.Data.Manifest;

/// <summary>
/// A dataset: a folder holding <c>manifest.csv</c> and the images it names (paths relative to the folder; a rooted
/// path is used as it is).
/// </summary>
public sealed class DatasetManifest
{
    private readonly IReadOnlyList<int> _lines;

    private DatasetManifest(string folder, ManifestReadResult read)
    {
        Folder = folder;
        Records = read.Records;
        _lines = read.Lines;
        Skipped = read.Skipped;
    }

    /// <summary>The dataset folder (full path).</summary>
    public string Folder { get; }

    /// <summary>Path of the manifest file.</summary>
    public string ManifestPath => Path.Combine(Folder, ManifestCsv.FileName);

    /// <summary>The galaxies, in file order.</summary>
    public IReadOnlyList<GalaxyRecord> Records { get; }

    /// <summary>Rows skipped under <see cref="ManifestReadOptions.SkipBad"/>, with their errors (empty otherwise).</summary>
    public IReadOnlyList<ManifestFormatException> Skipped { get; }

    /// <summary>
    /// Reads <c>manifest.csv</c> in <paramref name="folder"/> and checks that every non-empty image path names an
    /// existing file (a missing one is a bad row: it fails naming file, line and column <c>image</c>, or is skipped
    /// under <see cref="ManifestReadOptions.SkipBad"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder has no manifest.csv.</exception>
    /// <exception cref="ManifestFormatException">A row or the header is invalid.</exception>
    public static DatasetManifest Load(string folder, ManifestReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, ManifestCsv.FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No {ManifestCsv.FileName} in dataset folder '{full}'.", path);
        var read = ManifestCsv.ReadCore(path, options, r =>
            r.Image is { } image && !File.Exists(Path.Combine(full, image))
                ? (ManifestColumns.Image, $"image file '{image}' does not exist (looked for '{Path.Combine(full, image)}')")
                : null);
        return new DatasetManifest(full, read);
    }

    /// <summary>Writes <paramref name="records"/> as <c>manifest.csv</c> in <paramref name="folder"/> (atomically; creates the folder).</summary>
    public static void Save(string folder, IEnumerable<GalaxyRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ManifestCsv.Write(Path.Combine(Path.GetFullPath(folder), ManifestCsv.FileName), records);
    }

    /// <summary>Full path of <paramref name="record"/>'s image.</summary>
    /// <exception cref="InvalidOperationException">The record has no image.</exception>
    public string ImagePath(GalaxyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Image is null)
            throw new InvalidOperationException($"Galaxy '{record.Id}' has no image in {ManifestPath}.");
        return Path.Combine(Folder, record.Image);
    }

    /// <summary>The 1-based line of <see cref="Records"/>[<paramref name="index"/>] in the manifest file (for error messages).</summary>
    public int LineOf(int index) => _lines[index];
}
