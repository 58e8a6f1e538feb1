namespace CzSL.Cli.Console;

/// <summary>
/// Progress that runs its handler on the reporting thread, under a lock, unlike <see cref="Progress{T}"/>, which posts
/// to the thread pool: reports reach the reporter in order and before the step ends (a posted report could write to a
/// console the command has already closed), and a counter in the handler sees every report.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public void Report(T value)
    {
        lock (_gate) handler(value);
    }
}
