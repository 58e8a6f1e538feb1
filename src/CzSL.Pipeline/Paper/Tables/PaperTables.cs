using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// The CzSL paper's label tables (<c>../shared/data/czsl-paper</c>): the ESRL table (ES and ERL scenarios) and the MG
/// table (merger scenario), kept as two datasets because their folds differ.
/// </summary>
/// <remarks>
/// Measured on the published tables: every ESRL galaxy is also in the MG table, with identical votes (NVOTE, all
/// counts, fractions, EL_DEB, CS_DEB, AMATEUR) and identical ES expert label (EXPERT = ES_EXPERT); but only 8,176 of
/// the 40,902 share the same fold number, so the two tables cannot be merged into one fold structure. The MG table's
/// 2,877 extra galaxies are mergers or near-mergers (2,355 with ES_EXPERT N). <see cref="Merged"/> joins them by OBJID
/// for uses without folds (e.g. <see cref="ImageJoin"/>).
/// </remarks>
public sealed class PaperTables
{
    private PaperTables(string directory, PaperTable esrl, PaperTable mg)
    {
        Directory = directory;
        Esrl = esrl;
        Mg = mg;
    }

    /// <summary>The folder the tables were read from.</summary>
    public string Directory { get; }

    /// <summary>The ESRL table (40,902 galaxies in the published data).</summary>
    public PaperTable Esrl { get; }

    /// <summary>The MG table (43,779 galaxies in the published data).</summary>
    public PaperTable Mg { get; }

    /// <summary>The table of <paramref name="kind"/>.</summary>
    public PaperTable Table(PaperTableKind kind) => kind == PaperTableKind.Esrl ? Esrl : Mg;

    /// <summary>The ten test file names, ESRL 1..5 then MG 1..5.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [.. Enum.GetValues<PaperTableKind>().SelectMany(kind => Enumerable.Range(1, PaperTable.FoldCount).Select(k => PaperTableReader.FileName(kind, k)))];

    /// <summary>
    /// Reads the ten test files of <paramref name="directory"/>, after checking them against its <c>SHA256SUMS</c>
    /// (unless <paramref name="verifyChecksums"/> is false).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A test file or the checksum list is missing.</exception>
    /// <exception cref="InvalidDataException">A checksum differs (naming the file) or an OBJID repeats within a table.</exception>
    /// <exception cref="ManifestFormatException">A row is malformed (naming file, line and column).</exception>
    public static PaperTables Load(string directory, bool verifyChecksums = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Paper tables folder {directory} not found.");
        foreach (var name in FileNames)
            if (!File.Exists(Path.Combine(directory, name)))
                throw new FileNotFoundException($"Paper table {name} not found in {directory}.", Path.Combine(directory, name));
        if (verifyChecksums) PaperChecksums.Verify(directory, FileNames);
        PaperTable Read(PaperTableKind kind) => new(kind, Enumerable.Range(1, PaperTable.FoldCount)
            .Select(k => PaperTableReader.Read(Path.Combine(directory, PaperTableReader.FileName(kind, k)), kind, k)).ToArray());
        return new PaperTables(directory, Read(PaperTableKind.Esrl), Read(PaperTableKind.Mg));
    }

    /// <summary>
    /// Every galaxy of either table once, joined by OBJID, with no fold or order (the tables' folds differ): votes and
    /// EL_DEB/CS_DEB from the MG table (identical to ESRL's where both have the galaxy, which is checked), EL_DEB[123] and
    /// CS_DEB[123] from the ESRL table (the MG table does not publish them), ES and ERL
    /// expert labels from the ESRL table only (so the ES population is the paper's ES scenario: the MG table's own
    /// 2,877 galaxies keep no ES label even where ES_EXPERT is M or L), the MG expert label from the MG table.
    /// Ordered as the MG table, then any ESRL-only galaxy.
    /// </summary>
    /// <exception cref="InvalidDataException">A galaxy in both tables has different votes or ES labels.</exception>
    public IReadOnlyList<GalaxyRecord> Merged()
    {
        var merged = new List<GalaxyRecord>(Mg.Records.Count);
        foreach (var mg in Mg.Records)
        {
            var esrl = Esrl.Find(mg.Id)?.Record;
            if (esrl is not null && (esrl.Votes != mg.Votes || esrl.ExpertES != mg.ExpertES ||
                                     esrl.EllipticalDebiased != mg.EllipticalDebiased || esrl.SpiralDebiased != mg.SpiralDebiased))
                throw new InvalidDataException($"OBJID {mg.Id} has different votes or ES labels in the ESRL and MG tables.");
            merged.Add(mg with
            {
                ExpertERL = esrl?.ExpertERL, ExpertES = esrl?.ExpertES,
                EllipticalDebiased123 = esrl?.EllipticalDebiased123, SpiralDebiased123 = esrl?.SpiralDebiased123,
                Fold = null, Order = null,
            });
        }
        foreach (var esrl in Esrl.Records)
            if (Mg.Find(esrl.Id) is null) merged.Add(esrl with { Fold = null, Order = null });
        return merged;
    }

    /// <summary>
    /// Amateur-vs-expert statistics per fold, mean ± sd: ES and ERL (and the clean flag) on the ESRL table, the merger
    /// flag and vote fraction on the MG table, using the published amateur columns.
    /// </summary>
    public (FoldedVoteCalibration Esrl, FoldedVoteCalibration Mg) Calibration() =>
        (VoteCalibration.PerFold(Esrl.Records, Esrl.CalibrationOptions()), VoteCalibration.PerFold(Mg.Records, Mg.CalibrationOptions()));
}
