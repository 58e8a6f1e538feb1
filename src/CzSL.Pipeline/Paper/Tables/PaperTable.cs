using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// One of the paper's tables (ESRL or MG) with its five fixed folds. Records are held fold 1..5, each in its test
/// file's row order; <see cref="GalaxyRecord.Fold"/> is the test fold and <see cref="GalaxyRecord.Order"/> the 0-based
/// row index within that test file.
/// </summary>
public sealed class PaperTable
{
    /// <summary>Number of folds of the paper's protocol.</summary>
    public const int FoldCount = 5;

    private readonly IReadOnlyList<PaperRow>[] _folds;
    private readonly Dictionary<string, PaperRow> _byId;

    /// <summary>Builds a table from its five test files' rows (index 0 = fold 1).</summary>
    /// <exception cref="InvalidDataException">An OBJID appears twice.</exception>
    public PaperTable(PaperTableKind kind, IReadOnlyList<IReadOnlyList<PaperRow>> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count != FoldCount) throw new ArgumentException($"Expected {FoldCount} folds, got {folds.Count}.", nameof(folds));
        Kind = kind;
        _folds = folds.ToArray();
        _byId = new Dictionary<string, PaperRow>(StringComparer.Ordinal);
        foreach (var row in _folds.SelectMany(f => f))
        {
            if (_byId.TryGetValue(row.Record.Id, out var first))
                throw new InvalidDataException(
                    $"OBJID {row.Record.Id} appears twice in the {kind} table: {PaperTableReader.FileName(kind, first.Record.Fold!.Value)} line {first.Line} " +
                    $"and {PaperTableReader.FileName(kind, row.Record.Fold!.Value)} line {row.Line}.");
            _byId.Add(row.Record.Id, row);
        }
        Rows = _folds.SelectMany(f => f).ToArray();
        Records = Rows.Select(r => r.Record).ToArray();
    }

    /// <summary>Which table this is.</summary>
    public PaperTableKind Kind { get; }

    /// <summary>All rows, fold 1..5, each in file order.</summary>
    public IReadOnlyList<PaperRow> Rows { get; }

    /// <summary>All galaxies, fold 1..5, each in file order.</summary>
    public IReadOnlyList<GalaxyRecord> Records { get; }

    /// <summary>The row of <paramref name="id"/>, or null.</summary>
    public PaperRow? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The galaxies of test fold <paramref name="fold"/> (1..5), in file order.</summary>
    public IReadOnlyList<GalaxyRecord> TestFold(int fold) => _folds[CheckFold(fold) - 1].Select(r => r.Record).ToArray();

    /// <summary>
    /// The training set of fold <paramref name="fold"/> exactly as the paper's training file lists it: the other four
    /// test files concatenated in order 1..5. Each returned record's <see cref="GalaxyRecord.Order"/> is renumbered to
    /// its 0-based position in that training file (its <see cref="GalaxyRecord.Fold"/> stays its own test fold), so a
    /// split "in file order" (L = first 5%, A = next 20%) can sort by Order.
    /// </summary>
    public IReadOnlyList<GalaxyRecord> TrainingOrder(int fold)
    {
        CheckFold(fold);
        return Enumerable.Range(1, FoldCount).Where(k => k != fold)
            .SelectMany(k => _folds[k - 1])
            .Select((row, i) => row.Record with { Order = i })
            .ToArray();
    }

    /// <summary>
    /// Calibration options that use the table's published amateur columns: the clean flag AMATEUR (S/E/U) and, for
    /// the MG table, MG_AMATEUR. The published flags cannot be recomputed from the votes: MG_AMATEUR is 0 for 70 and 1
    /// for 59 galaxies with exactly 50% merger votes, and AMATEUR comes from GZ1's own bias correction (it covers
    /// 62.7% of ES galaxies, EL_DEB/CS_DEB ≥ 0.8 covers 67.7%).
    /// </summary>
    public VoteCalibrationOptions CalibrationOptions() => new()
    {
        CleanFlag = r => Find(r.Id)?.CleanFlag switch
        {
            'S' => ScenarioClasses.ES[1],
            'E' => ScenarioClasses.ES[0],
            _ => null,
        },
        CleanFlagSource = "published AMATEUR column",
        MergerFlag = Kind == PaperTableKind.Mg
            ? r => Find(r.Id)?.MergerFlag == 1
            : new VoteCalibrationOptions().MergerFlag,
        MergerFlagSource = Kind == PaperTableKind.Mg ? "published MG_AMATEUR column" : new VoteCalibrationOptions().MergerFlagSource,
    };

    private static int CheckFold(int fold) =>
        fold is >= 1 and <= FoldCount ? fold : throw new ArgumentOutOfRangeException(nameof(fold), fold, $"Folds are 1..{FoldCount}.");
}
