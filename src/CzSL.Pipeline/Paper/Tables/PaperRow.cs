using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// One row of a paper table: the galaxy as a <see cref="GalaxyRecord"/> plus the published amateur columns that are
/// not part of a manifest (they cannot always be recomputed from the votes: see <see cref="PaperTable.CalibrationOptions"/>).
/// </summary>
/// <param name="Record">The galaxy: votes, EL_DEB/CS_DEB, expert labels, <see cref="GalaxyRecord.Fold"/> = k of its test file and <see cref="GalaxyRecord.Order"/> = 0-based row index within that file.</param>
/// <param name="Line">1-based line in its test file (the header is line 1).</param>
/// <param name="CleanFlag">AMATEUR: 'S' spiral, 'E' elliptical, 'U' uncertain.</param>
/// <param name="AmateurMajor">AMATEUR_MAJOR (ESRL only): 1 spiral, 0 elliptical.</param>
/// <param name="MergerFlag">MG_AMATEUR (MG only): 1 merger, 0 not.</param>
public sealed record PaperRow(GalaxyRecord Record, int Line, char CleanFlag, int? AmateurMajor, int? MergerFlag);
