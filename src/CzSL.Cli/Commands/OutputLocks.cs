using CzSL.Cli.Console;
using CzSL.Data;

namespace CzSL.Cli.Commands;

/// <summary>
/// Takes the <see cref="OutputFolderLock"/> of every folder a run writes to, so a second run on the same folder is
/// refused (<see cref="OutputFolderBusyException"/>, exit 2) instead of mixing its outputs, and says when temporary
/// files of a killed run were cleaned.
/// </summary>
public static class OutputLocks
{
    /// <summary>Locks <paramref name="folders"/> (nulls and repeats skipped), in order; dispose to release.</summary>
    /// <exception cref="OutputFolderBusyException">A folder is in use by another run; nothing stays locked.</exception>
    public static IDisposable Acquire(IReporter reporter, params string?[] folders)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var held = new List<OutputFolderLock>();
        try
        {
            foreach (var folder in folders.OfType<string>().Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                var folderLock = OutputFolderLock.Acquire(folder);
                held.Add(folderLock);
                if (folderLock.RemovedTemporaryFiles > 0)
                    reporter.Info($"removed {folderLock.RemovedTemporaryFiles} temporary file(s) left by an interrupted run in {folder}");
            }
        }
        catch
        {
            foreach (var l in held) l.Dispose();
            throw;
        }
        return new Held(held);
    }

    private sealed class Held(List<OutputFolderLock> locks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var l in locks) l.Dispose();
        }
    }
}
