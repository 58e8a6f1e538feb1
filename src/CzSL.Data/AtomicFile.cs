using System.Text.RegularExpressions;

namespace CzSL.Data;

/// <summary>Writes files so that readers see either the old or the new content, never a half-written file.</summary>
/// <remarks>
/// Every write goes to a temporary file <c>.NAME.&lt;32 hex digits&gt;.tmp</c> next to the target and is then moved
/// over it. A process killed mid-write leaves that temporary file behind; <see cref="CleanTemporaryFiles"/> removes
/// such leftovers (the next run into the same folder calls it while holding the folder's
/// <see cref="OutputFolderLock"/>, so no live write is touched).
/// </remarks>
public static partial class AtomicFile
{
    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file next to <paramref name="path"/>, then moves it over
    /// <paramref name="path"/>. The temporary file is removed if writing fails.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = WriteTemporary(full, write);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes through <paramref name="write"/> into a new temporary file next to <paramref name="path"/> (flushed to
    /// disk) and returns its path, leaving <paramref name="path"/> untouched; the caller moves it into place (e.g. to
    /// commit several files together) or deletes it. Nothing is left behind if writing fails.
    /// </summary>
    public static string WriteTemporary(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = TemporaryPath(full);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return temp;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            w.Write(text);
        });

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> atomically (temporary copy, then move).</summary>
    public static void Copy(string source, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        Write(destination, s =>
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            input.CopyTo(s);
        });
    }

    /// <summary>A fresh temporary path for <paramref name="fullPath"/>, in the pattern <see cref="CleanTemporaryFiles"/> removes.</summary>
    public static string TemporaryPath(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

    /// <summary>True when <paramref name="fileName"/> is a temporary file of this class (<c>.NAME.&lt;32 hex&gt;.tmp</c>).</summary>
    public static bool IsTemporaryFile(string fileName) => TemporaryName().IsMatch(fileName);

    /// <summary>
    /// Deletes the temporary files left by killed writes in <paramref name="folder"/> and its sub-folders (only names in
    /// this class's pattern; nothing else is touched). Call it only while no other process writes there.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public static int CleanTemporaryFiles(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder)) return 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp", options))
        {
            if (!IsTemporaryFile(Path.GetFileName(file))) continue;
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();
}
