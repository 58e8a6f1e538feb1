using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Gz1;

/// <summary>What <see cref="Gz1Table.AttachPositions"/> did.</summary>
/// <param name="Records">The input records in order; matched ones carry the table's RA/Dec, the others are unchanged.</param>
/// <param name="Matched">How many records were found in the table.</param>
/// <param name="UnmatchedIds">Ids of the records the table does not hold, in input order.</param>
public sealed record PositionAttachResult(IReadOnlyList<GalaxyRecord> Records, int Matched, IReadOnlyList<string> UnmatchedIds);
