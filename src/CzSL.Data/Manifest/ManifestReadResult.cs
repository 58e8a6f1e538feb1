namespace CzSL.Data.Manifest;

/// <summary>What <see cref="ManifestCsv.ReadWithReport"/> read: the records, their lines, and the rows it skipped.</summary>
/// <param name="Records">The valid records, in file order.</param>
/// <param name="Lines">The 1-based line of each record in the file (same order as <paramref name="Records"/>).</param>
/// <param name="Skipped">The errors of the rows skipped under <see cref="ManifestReadOptions.SkipBad"/> (empty otherwise).</param>
public sealed record ManifestReadResult(
    IReadOnlyList<GalaxyRecord> Records,
    IReadOnlyList<int> Lines,
    IReadOnlyList<ManifestFormatException> Skipped)
{
    /// <summary>The header's column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
}
