using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Import;

/// <summary>What <see cref="ImageFolderImport.Run"/> wrote.</summary>
/// <param name="ManifestPath">The manifest written.</param>
/// <param name="Records">The imported records, in label-CSV order.</param>
/// <param name="MissingImageIds">Label rows left out because their image is missing (only with <see cref="ImageFolderImportOptions.SkipMissingImages"/>).</param>
/// <param name="UnlabelledImages">Images in the folder that match the name pattern but have no label row.</param>
public sealed record ImportSummary(string ManifestPath, IReadOnlyList<GalaxyRecord> Records, IReadOnlyList<string> MissingImageIds, int UnlabelledImages)
{
    /// <summary>The user's own task the import declared in tasks.json, or null.</summary>
    public CzSL.Data.Scenario? Task { get; init; }
}
