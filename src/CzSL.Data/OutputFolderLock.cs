namespace CzSL.Data;

/// <summary>
/// Exclusive use of an output folder by one run: an operating-system lock on <c>FOLDER/.czsl.lock</c>, held until
/// disposed and released by the system if the process dies (no stale lock survives a kill). Acquiring it also
/// removes the temporary files that killed writes left in the folder (<see cref="AtomicFile.CleanTemporaryFiles"/>).
/// </summary>
/// <remarks>
/// On Linux and macOS .NET takes the lock with <c>flock</c> (advisory: it binds every czsl process, in this process
/// too, but not other programs). The lock file itself stays in the folder, empty; deleting it while no run holds it
/// is harmless. A folder that acquiring the lock created (with any missing parents) is removed again on dispose if
/// nothing but the lock file was written into it, so a run refused before writing leaves nothing behind.
/// </remarks>
public sealed class OutputFolderLock : IDisposable
{
    /// <summary>Name of the lock file inside the folder.</summary>
    public const string FileName = ".czsl.lock";

    private readonly FileStream _stream;
    private readonly IReadOnlyList<string> _created;

    private OutputFolderLock(string folder, FileStream stream, IReadOnlyList<string> created, int removedTemporaryFiles)
    {
        Folder = folder;
        _stream = stream;
        _created = created;
        RemovedTemporaryFiles = removedTemporaryFiles;
    }

    /// <summary>The locked folder (full path).</summary>
    public string Folder { get; }

    /// <summary>How many temporary files of killed runs were removed when the lock was taken.</summary>
    public int RemovedTemporaryFiles { get; }

    /// <summary>Creates <paramref name="folder"/> if needed, locks it and cleans leftover temporary files.</summary>
    /// <exception cref="OutputFolderBusyException">Another run holds the folder.</exception>
    public static OutputFolderLock Acquire(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var created = new List<string>(); // deepest first
        for (var d = full; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) created.Add(d);
        Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new OutputFolderBusyException(full,
                $"Output folder '{full}' is in use by another czsl run (it holds {FileName}); wait for it to finish or choose another output folder.", e);
        }
        try
        {
            return new OutputFolderLock(full, stream, created, AtomicFile.CleanTemporaryFiles(full));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock; removes the folders acquiring it created if they hold nothing but the lock file.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (_created.Count == 0) return;
        try
        {
            var lockFile = Path.Combine(Folder, FileName);
            if (Directory.EnumerateFileSystemEntries(Folder).Any(e => e != lockFile)) return;
            File.Delete(lockFile);
            foreach (var d in _created)
            {
                if (Directory.EnumerateFileSystemEntries(d).Any()) return;
                Directory.Delete(d);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder left behind is harmless.
        }
    }

    // The lock is taken by another open file: EWOULDBLOCK (11 on Linux, 35 on macOS) or Windows' sharing violation.
    private static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020);
}

/// <summary>An output folder another run is writing to (<see cref="OutputFolderLock"/>).</summary>
public sealed class OutputFolderBusyException(string folder, string message, Exception? inner = null) : IOException(message, inner)
{
    /// <summary>The folder in use.</summary>
    public string Folder { get; } = folder;
}
