namespace CzSL.Cli.Commands.Data;

/// <summary>
/// Progress that runs its handler on the reporting thread, unlike <see cref="Progress{T}"/>, which posts to the thread
/// pool: reports reach the reporter in order and before the step ends, and a counter in the handler sees every report.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
