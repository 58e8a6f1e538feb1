using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Crossmatch;

/// <summary>A record paired with its nearest catalogue entry within the radius.</summary>
/// <param name="RecordId">The record's id.</param>
/// <param name="Entry">The nearest catalogue entry.</param>
/// <param name="SeparationArcsec">Angular distance, arcsec.</param>
/// <param name="Candidates">Catalogue entries within the radius (more than 1: ambiguous, the nearest was taken).</param>
public sealed record CrossmatchMatch(string RecordId, CatalogEntry Entry, double SeparationArcsec, int Candidates);

/// <summary>The outcome of <see cref="SkyCrossmatch.Match"/>.</summary>
/// <param name="RadiusArcsec">The search radius used.</param>
/// <param name="Matches">One per matched record, in record order.</param>
/// <param name="UnmatchedIds">Records with a position but no entry within the radius.</param>
/// <param name="NoPositionIds">Records without RA/Dec (not searched).</param>
public sealed record CrossmatchResult(double RadiusArcsec, IReadOnlyList<CrossmatchMatch> Matches, IReadOnlyList<string> UnmatchedIds, IReadOnlyList<string> NoPositionIds)
{
    /// <summary>Records matched.</summary>
    public int Matched => Matches.Count;

    /// <summary>Matched records that had several entries within the radius.</summary>
    public int Ambiguous => Matches.Count(m => m.Candidates > 1);

    /// <summary>Catalogue entries taken as the match of more than one record.</summary>
    public int SharedEntries => Matches.GroupBy(m => m.Entry).Count(g => g.Count() > 1);

    /// <summary>
    /// Writes the matches as CSV (atomically): <c>id, match_id, separation_arcsec, candidates</c> and then the entry's kept
    /// columns (<paramref name="valueColumns"/>, or all of them, in the first entry's order).
    /// </summary>
    public void WriteCsv(string path, IReadOnlyList<string>? valueColumns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var columns = valueColumns ?? (Matches.Count > 0 ? Matches[0].Entry.Values.Keys.ToList() : []);
        var sb = new StringBuilder("id,match_id,separation_arcsec,candidates");
        foreach (var c in columns) sb.Append(',').Append(Quote(c));
        sb.Append('\n');
        foreach (var m in Matches)
        {
            sb.Append(Quote(m.RecordId)).Append(',').Append(Quote(m.Entry.Id)).Append(',')
              .Append(m.SeparationArcsec.ToString("0.####", CultureInfo.InvariantCulture)).Append(',')
              .Append(m.Candidates.ToString(CultureInfo.InvariantCulture));
            foreach (var c in columns) sb.Append(',').Append(Quote(m.Entry.Values.GetValueOrDefault(c, "")));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>
/// Joins records to another catalogue by sky position: each record takes the nearest catalogue entry within the radius
/// (true great-circle distance; RA wrap at 0°/360° and the poles handled by <see cref="SkyIndex"/>). Several entries
/// within the radius make the match ambiguous (counted; the nearest wins, ties to the earlier entry).
/// </summary>
public static class SkyCrossmatch
{
    /// <summary>Default search radius, arcsec: SDSS positions are good to ~0.1″, and 2″ stays well below the size of the galaxies matched.</summary>
    public const double DefaultRadiusArcsec = 2.0;

    /// <summary>Matches <paramref name="records"/> against <paramref name="catalogue"/>.</summary>
    public static CrossmatchResult Match(IReadOnlyList<GalaxyRecord> records, IReadOnlyList<CatalogEntry> catalogue, double radiusArcsec = DefaultRadiusArcsec)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!(radiusArcsec > 0) || radiusArcsec > 3600 * 10)
            throw new ArgumentOutOfRangeException(nameof(radiusArcsec), radiusArcsec, "The radius must be in (0, 36000] arcsec.");
        var index = new SkyIndex(catalogue.Select(e => (e.Ra, e.Dec)).ToList(), Math.Max(radiusArcsec / 3600, 1.0 / 60));
        var matches = new List<CrossmatchMatch>();
        var unmatched = new List<string>();
        var noPosition = new List<string>();
        foreach (var r in records)
        {
            if (r.Ra is not { } ra || r.Dec is not { } dec)
            {
                noPosition.Add(r.Id);
                continue;
            }
            var hits = index.Within(ra, dec, radiusArcsec);
            if (hits.Count == 0) unmatched.Add(r.Id);
            else matches.Add(new CrossmatchMatch(r.Id, catalogue[hits[0].Index], hits[0].SeparationArcsec, hits.Count));
        }
        return new CrossmatchResult(radiusArcsec, matches, unmatched, noPosition);
    }
}
