using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Paper;

/// <summary>Options of <see cref="PaperManifestExport.Run"/> (<c>czsl data paper --tables DIR --out DIR</c>).</summary>
/// <param name="TablesDirectory">Folder holding the ten test files and SHA256SUMS.</param>
/// <param name="OutputDirectory">Folder to write <c>esrl/manifest.csv</c> and <c>mg/manifest.csv</c> into (created if needed).</param>
/// <param name="VerifyChecksums">Check SHA256SUMS first.</param>
public sealed record PaperManifestOptions(string TablesDirectory, string OutputDirectory, bool VerifyChecksums = true);

/// <summary>What <see cref="PaperManifestExport.Run"/> wrote.</summary>
/// <param name="EsrlManifest">Path of the ESRL manifest.</param>
/// <param name="EsrlCount">Galaxies in it.</param>
/// <param name="MgManifest">Path of the MG manifest.</param>
/// <param name="MgCount">Galaxies in it.</param>
public sealed record PaperManifestResult(string EsrlManifest, int EsrlCount, string MgManifest, int MgCount);

/// <summary>
/// Converts the paper's tables to two image-less manifests (one per table, as their folds differ): <c>fold</c> = the
/// test fold k, <c>order</c> = the row index within test file k. Fold k's training set in the paper's file order is the
/// records with fold ≠ k sorted by (fold, order) (<see cref="PaperTable.TrainingOrder"/>).
/// </summary>
public static class PaperManifestExport
{
    /// <summary>Sub-folder of the ESRL manifest.</summary>
    public const string EsrlFolder = "esrl";
    /// <summary>Sub-folder of the MG manifest.</summary>
    public const string MgFolder = "mg";

    /// <summary>Reads the tables and writes both manifests (atomically).</summary>
    public static PaperManifestResult Run(PaperManifestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tables = PaperTables.Load(options.TablesDirectory, options.VerifyChecksums);
        return Write(tables, options.OutputDirectory);
    }

    /// <summary>Writes both manifests of already loaded <paramref name="tables"/> under <paramref name="outputDirectory"/>.</summary>
    public static PaperManifestResult Write(PaperTables tables, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(tables);
        string WriteOne(PaperTable table, string folder)
        {
            var dir = Path.Combine(outputDirectory, folder);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, ManifestCsv.FileName);
            ManifestCsv.Write(path, table.Records);
            return path;
        }
        return new PaperManifestResult(WriteOne(tables.Esrl, EsrlFolder), tables.Esrl.Records.Count,
            WriteOne(tables.Mg, MgFolder), tables.Mg.Records.Count);
    }
}
