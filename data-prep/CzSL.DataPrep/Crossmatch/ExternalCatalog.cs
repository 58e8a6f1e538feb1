using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Crossmatch;

/// <summary>One object of another catalogue: its id, position and the columns kept from its row.</summary>
/// <param name="Id">The catalogue's id, or "line N" when the catalogue has no id column.</param>
/// <param name="Ra">Right ascension, degrees.</param>
/// <param name="Dec">Declination, degrees.</param>
/// <param name="Values">Kept columns (header name → text as written).</param>
public sealed record CatalogEntry(string Id, double Ra, double Dec, IReadOnlyDictionary<string, string> Values);

/// <summary>How <see cref="ExternalCatalog.Read"/> reads a catalogue.</summary>
public sealed record CatalogReadOptions
{
    /// <summary>RA column; null picks the first present of RA, RAJ2000, _RAJ2000, RA_ICRS (any case).</summary>
    public string? RaColumn { get; init; }

    /// <summary>Dec column; null picks the first present of DEC, DEJ2000, _DEJ2000, DECJ2000, DE_ICRS (any case).</summary>
    public string? DecColumn { get; init; }

    /// <summary>Id column; null names entries by their line.</summary>
    public string? IdColumn { get; init; }

    /// <summary>Columns to keep (e.g. "TType"); null keeps every column.</summary>
    public IReadOnlyList<string>? ValueColumns { get; init; }

    /// <summary>Field delimiter: ',' (CSV) or '\t' (VizieR TSV), ';' or '|'. Lines starting with '#' are comments.</summary>
    public char Delimiter { get; init; } = ',';
}

/// <summary>
/// Reads another catalogue with sky positions, e.g. Nair &amp; Abraham (2010, ApJS 186, 427) exported from VizieR as
/// CSV/TSV with RA, Dec and a T-type column. RA may be decimal degrees or sexagesimal hours, Dec degrees or
/// sexagesimal. Bad values fail with file, line and column.
/// </summary>
public static class ExternalCatalog
{
    private static readonly string[] RaNames = ["RA", "RAJ2000", "_RAJ2000", "RA_ICRS"];
    private static readonly string[] DecNames = ["DEC", "DEJ2000", "_DEJ2000", "DECJ2000", "DE_ICRS"];

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="ManifestFormatException">A missing column, a bad position or a duplicate id (file, line, column).</exception>
    public static IReadOnlyList<CatalogEntry> Read(string path, CatalogReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CatalogReadOptions();
        if (!File.Exists(path)) throw new FileNotFoundException($"The catalogue '{path}' does not exist.", path);
        var table = CsvTable.Open(path, new CsvTableOptions { Separator = options.Delimiter, Comments = true });
        var ra = Pick(table, options.RaColumn, RaNames, "RA");
        var dec = Pick(table, options.DecColumn, DecNames, "Dec");
        var id = options.IdColumn is { } idName ? table.Require(idName) : -1;
        var keep = options.ValueColumns is { } names ? names.Select(table.Require).ToArray() : Enumerable.Range(0, table.Header.Count).ToArray();
        var entries = new List<CatalogEntry>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var name = id >= 0 ? table.Text(row, id)! : $"line {row.Line}";
            if (id >= 0 && !lineOf.TryAdd(name, row.Line)) throw table.Error(row, id, $"id {name} already appears on line {lineOf[name]}");
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var k in keep) values[table.Header[k].Trim()] = row.Fields[k].Trim();
            entries.Add(new CatalogEntry(name, Angle(table, row, ra, SkyAngle.ParseRightAscension), Angle(table, row, dec, SkyAngle.ParseDeclination), values));
        }
        return entries;
    }

    private static int Pick(CsvTable table, string? given, string[] candidates, string what)
    {
        if (given is not null) return table.Require(given);
        foreach (var c in candidates)
            if (table.IndexOf(c) is var i and >= 0) return i;
        throw new ManifestFormatException(table.File, table.HeaderLine, null,
            $"no {what} column: looked for {string.Join(", ", candidates)} (the header has: {string.Join(", ", table.Header)}); name it explicitly");
    }

    private static double Angle(CsvTable table, CsvRow row, int column, Func<string, double> parse)
    {
        try
        {
            return parse(table.Text(row, column)!);
        }
        catch (FormatException e) when (e is not ManifestFormatException)
        {
            throw table.Error(row, column, e.Message);
        }
    }
}
