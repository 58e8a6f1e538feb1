namespace CzSL.Data.Manifest;

/// <summary>
/// A dataset: a folder holding <c>manifest.csv</c> and the images it names (paths relative to the folder; a rooted
/// path is used as it is), and optionally <c>tasks.json</c> declaring the dataset's own tasks (<see cref="TaskFile"/>).
/// </summary>
public sealed class DatasetManifest
{
    private readonly IReadOnlyList<int> _lines;

    private DatasetManifest(string folder, ManifestReadResult read, IReadOnlyList<Scenario> tasks)
    {
        Folder = folder;
        Records = read.Records;
        _lines = read.Lines;
        Skipped = read.Skipped;
        Columns = read.Columns;
        Tasks = tasks;
    }

    /// <summary>The dataset folder (full path).</summary>
    public string Folder { get; }

    /// <summary>Path of the manifest file.</summary>
    public string ManifestPath => Path.Combine(Folder, ManifestCsv.FileName);

    /// <summary>The galaxies, in file order.</summary>
    public IReadOnlyList<GalaxyRecord> Records { get; }

    /// <summary>Rows skipped under <see cref="ManifestReadOptions.SkipBad"/>, with their errors (empty otherwise).</summary>
    public IReadOnlyList<ManifestFormatException> Skipped { get; }

    /// <summary>The manifest header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The dataset's own tasks, from its tasks.json (empty without one).</summary>
    public IReadOnlyList<Scenario> Tasks { get; }

    /// <summary>The built-in scenarios followed by the dataset's own tasks.</summary>
    public IReadOnlyList<Scenario> AllScenarios => [.. Scenario.BuiltIn, .. Tasks];

    /// <summary>
    /// The manifest column that holds <paramref name="scenario"/>'s expert labels (<c>expert_es</c>… for the built-ins),
    /// and whether the header has it.
    /// </summary>
    public (string Column, bool Present) ExpertColumn(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var column = scenario.Gz1 switch
        {
            Gz1Task.ES => ManifestColumns.ExpertES,
            Gz1Task.ERL => ManifestColumns.ExpertERL,
            Gz1Task.MG => ManifestColumns.ExpertMG,
            _ => scenario.Columns!.Expert,
        };
        return (column, Columns.Contains(column));
    }

    /// <summary>
    /// Reads <c>manifest.csv</c> in <paramref name="folder"/> (with the tasks its tasks.json declares, when there is one)
    /// and checks that every non-empty image path names an existing file (a missing one is a bad row: it fails naming
    /// file, line and column <c>image</c>, or is skipped under <see cref="ManifestReadOptions.SkipBad"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder has no manifest.csv.</exception>
    /// <exception cref="ManifestFormatException">A row or the header is invalid.</exception>
    /// <exception cref="InvalidDataException">tasks.json is invalid.</exception>
    public static DatasetManifest Load(string folder, ManifestReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, ManifestCsv.FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No {ManifestCsv.FileName} in dataset folder '{full}'.", path);
        var tasks = TaskFile.Read(full);
        options = (options ?? new ManifestReadOptions()) with { Tasks = tasks };
        var read = ManifestCsv.ReadCore(path, options, r =>
            r.Image is { } image && !File.Exists(Path.Combine(full, image))
                ? (ManifestColumns.Image, $"image file '{image}' does not exist (looked for '{Path.Combine(full, image)}')")
                : null);
        return new DatasetManifest(full, read, tasks);
    }

    /// <summary>
    /// Writes <paramref name="records"/> as <c>manifest.csv</c> in <paramref name="folder"/> (atomically; creates the
    /// folder), and, when <paramref name="tasks"/> declares the dataset's own tasks, their <c>tasks.json</c>.
    /// </summary>
    public static void Save(string folder, IEnumerable<GalaxyRecord> records, IReadOnlyList<Scenario>? tasks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        ManifestCsv.Write(Path.Combine(full, ManifestCsv.FileName), records, tasks);
        if (tasks is { Count: > 0 }) TaskFile.Write(full, tasks);
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
