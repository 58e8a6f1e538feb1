namespace CzSL.Data.Manifest;

/// <summary>How a manifest is read.</summary>
public sealed record ManifestReadOptions
{
    /// <summary>
    /// Skip rows that fail validation instead of failing the whole read. Each skipped row is reported through
    /// <see cref="OnSkip"/> and counted (<see cref="ManifestReadResult.Skipped"/>, <see cref="DatasetManifest.Skipped"/>).
    /// Errors in the header always fail.
    /// </summary>
    public bool SkipBad { get; init; }

    /// <summary>Receives the message (file, line, column, problem) of every skipped row.</summary>
    public Action<string>? OnSkip { get; init; }

    /// <summary>
    /// The dataset's own tasks (<see cref="TaskFile"/>): their columns (<see cref="TaskColumns"/>) are allowed in the
    /// header and read into <see cref="GalaxyRecord.Tasks"/>. <see cref="DatasetManifest.Load"/> fills it from tasks.json.
    /// </summary>
    public IReadOnlyList<Scenario> Tasks { get; init; } = [];
}
