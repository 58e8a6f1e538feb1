using System.Globalization;
using CzSL.Data.Manifest;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// Checks of option values that run inside a verb's action, so a bad value fails through <see cref="CommandRunner"/>
/// with <see cref="ExitCodes.BadInput"/> and a message naming the option.
/// </summary>
internal static class DataInputs
{
    /// <summary>The full path of an existing folder given by <paramref name="option"/>.</summary>
    public static string Folder(DirectoryInfo? folder, string option)
    {
        if (folder is null) throw new ArgumentException($"{option} is required.");
        if (!folder.Exists) throw new DirectoryNotFoundException($"{option}: the folder '{folder.FullName}' does not exist.");
        return folder.FullName;
    }

    /// <summary>The full path of an existing file given by <paramref name="option"/>.</summary>
    public static string File(FileInfo? file, string option)
    {
        if (file is null) throw new ArgumentException($"{option} is required.");
        if (!file.Exists) throw new FileNotFoundException($"{option}: the file '{file.FullName}' does not exist.", file.FullName);
        return file.FullName;
    }

    /// <summary><paramref name="value"/> when it is at least <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string option) =>
        value >= min ? value : throw new ArgumentException($"{option} must be at least {min}, got {value}.");

    /// <summary><paramref name="value"/> when it lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double Within(double value, double min, double max, string option) =>
        value >= min && value <= max ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be in [{min}, {max}], got {value}."));

    /// <summary>
    /// The records of <paramref name="manifest"/> with image paths made relative to <paramref name="outputFolder"/>,
    /// so a manifest written there still finds the images of the input dataset.
    /// </summary>
    public static IReadOnlyList<GalaxyRecord> Rebased(DatasetManifest manifest, string outputFolder)
    {
        var output = Path.GetFullPath(outputFolder);
        if (string.Equals(output.TrimEnd(Path.DirectorySeparatorChar), manifest.Folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            return manifest.Records;
        return manifest.Records
            .Select(r => r.Image is null ? r : r with { Image = Path.GetRelativePath(output, manifest.ImagePath(r)).Replace('\\', '/') })
            .ToList();
    }

    /// <summary>Up to <paramref name="max"/> ids, then "… and N more".</summary>
    public static string Sample(IReadOnlyList<string> ids, int max = 5) =>
        ids.Count <= max ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(max))} … and {ids.Count - max:N0} more";
}
