using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Import;

/// <summary>Settings of <see cref="ClassFolderImport"/>.</summary>
public sealed record ClassFolderImportOptions
{
    /// <summary>Folder with one subfolder per class (<c>IMAGES/CLASS/*.png</c>, <c>.jpg</c>, <c>.jpeg</c>).</summary>
    public required string ImageFolder { get; init; }
    /// <summary>Dataset folder that receives manifest.csv and tasks.json.</summary>
    public required string OutputFolder { get; init; }
    /// <summary>The task the folders label; its classes default to the subfolder names, sorted.</summary>
    public required TaskImport Task { get; init; }
    /// <summary>Whether the folder labels are experts' or amateurs' (<see cref="TaskImport.ExpertFraction"/> needs amateur ones).</summary>
    public LabelKind Labels { get; init; } = LabelKind.Amateur;
}

/// <summary>
/// Imports a folder-per-class image layout as a dataset of a user's own task: each image's id is its file name without
/// extension, its class the subfolder's name; writes manifest.csv (<c>expert_TASK</c> or <c>amateur_TASK</c>) and
/// tasks.json, atomically.
/// </summary>
public static class ClassFolderImport
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Runs the import.</summary>
    /// <exception cref="DirectoryNotFoundException">The image folder, or a named class's subfolder, does not exist.</exception>
    /// <exception cref="ArgumentException">Bad task or class names, a subfolder that is not a class, an id in two folders, or an expert fraction on expert labels.</exception>
    public static ImportSummary Run(ClassFolderImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(options.ImageFolder);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The image folder '{root}' does not exist.");
        if (options.Task.ExpertFraction is not null && options.Labels == LabelKind.Expert)
            throw new ArgumentException("An expert fraction applies to amateur labels: the folder labels are already expert labels.");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var task = options.Task.Declare(folders);
        foreach (var folder in folders)
            if (!task.ClassNames.Contains(folder))
                throw new ArgumentException($"'{Path.Combine(root, folder)}' is not a class of task {task} ({string.Join(", ", task.ClassNames)}).");
        var output = Path.GetFullPath(options.OutputFolder);

        var records = new List<GalaxyRecord>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in task.ClassNames)
        {
            var folder = Path.Combine(root, name);
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Class '{name}' of task {task} has no folder '{folder}'.");
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
            {
                var id = Path.GetFileNameWithoutExtension(file);
                if (seen.TryGetValue(id, out var other))
                    throw new ArgumentException($"Image id '{id}' appears twice: '{other}' and '{file}' (ids are file names without extension).");
                seen.Add(id, file);
                var labels = options.Labels == LabelKind.Expert ? new TaskLabels(name, null, null) : new TaskLabels(null, name, null);
                records.Add(new GalaxyRecord
                {
                    Id = id,
                    Image = Path.GetRelativePath(output, file).Replace('\\', '/'),
                    Order = records.Count,
                    Tasks = new Dictionary<string, TaskLabels> { [task.Id] = labels },
                });
            }
        }
        var labelled = options.Task.MoveToExpert(records, task);
        DatasetManifest.Save(output, labelled, [task]);
        return new ImportSummary(Path.Combine(output, ManifestCsv.FileName), labelled, [], 0) { Task = task };
    }
}
