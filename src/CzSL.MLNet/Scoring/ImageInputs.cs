using CzSL.Data.Manifest;

namespace CzSL.MLNet.Scoring;

/// <summary>One image to score: an id (file name without extension, or the manifest id) and its full path.</summary>
/// <param name="Id">Galaxy id.</param>
/// <param name="Path">Full image path.</param>
/// <param name="Origin">Where a manifest or list named it (e.g. "list.txt, line 2"), for error messages; null for a file given directly.</param>
public sealed record ImageInput(string Id, string Path, string? Origin = null);

/// <summary>Turns command-line inputs (image files, folders, manifests, list files) into <see cref="ImageInput"/>s.</summary>
public static class ImageInputs
{
    /// <summary>File extensions taken from a folder (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];

    /// <summary>
    /// Resolves each input in order: a folder gives its image files (top level, sorted by name); a <c>.csv</c> file is a
    /// dataset manifest (<see cref="ManifestCsv"/>: ids and image paths relative to it); a <c>.txt</c> file lists one
    /// image path per line (relative to it; blank lines and lines starting with '#' are skipped); any other file is an
    /// image. Images a manifest or list names are not opened here: one that is missing fails when it is scored, with
    /// its <see cref="ImageInput.Origin"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">An input given directly does not exist.</exception>
    /// <exception cref="FormatException">A manifest row has no image (the message names file, line and column).</exception>
    public static IReadOnlyList<ImageInput> Resolve(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var result = new List<ImageInput>();
        foreach (var input in inputs)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(input, nameof(inputs));
            if (Directory.Exists(input)) result.AddRange(FromFolder(input));
            else if (!File.Exists(input)) throw new FileNotFoundException($"Input '{input}' is neither a file nor a folder.", input);
            else if (HasExtension(input, ".csv")) result.AddRange(FromManifest(input));
            else if (HasExtension(input, ".txt")) result.AddRange(FromList(input));
            else result.Add(FromFile(Path.GetFullPath(input)));
        }
        return result;
    }

    private static ImageInput FromFile(string fullPath) => new(Path.GetFileNameWithoutExtension(fullPath), fullPath);

    private static bool HasExtension(string path, string extension) =>
        string.Equals(Path.GetExtension(path), extension, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ImageInput> FromFolder(string folder) =>
        Directory.EnumerateFiles(Path.GetFullPath(folder))
            .Where(f => ImageExtensions.Any(e => HasExtension(f, e)))
            .Order(StringComparer.Ordinal)
            .Select(FromFile);

    private static IEnumerable<ImageInput> FromManifest(string manifest)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        var read = ManifestCsv.ReadWithReport(manifest);
        for (var i = 0; i < read.Records.Count; i++)
        {
            var record = read.Records[i];
            if (string.IsNullOrWhiteSpace(record.Image))
                throw new FormatException($"{manifest}, line {read.Lines[i]}, column '{ManifestColumns.Image}': galaxy '{record.Id}' has no image.");
            var path = Path.GetFullPath(Path.Combine(folder, record.Image));
            yield return new ImageInput(record.Id, path, $"{manifest}, line {read.Lines[i]}, column '{ManifestColumns.Image}'");
        }
    }

    private static IEnumerable<ImageInput> FromList(string list)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(list))!;
        var lines = File.ReadAllLines(list);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var path = Path.GetFullPath(Path.Combine(folder, line));
            yield return FromFile(path) with { Origin = $"{list}, line {i + 1}" };
        }
    }
}
