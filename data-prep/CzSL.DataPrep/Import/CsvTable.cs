using System.Globalization;
using System.Text;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Import;

/// <summary>One data row of a <see cref="CsvTable"/>: its 1-based line in the file and its fields.</summary>
internal readonly record struct CsvRow(int Line, string[] Fields);

/// <summary>
/// A delimited text table: a header row naming the columns, then data rows, streamed from the file (the GZ1 table
/// has ~670,000 rows, so rows are not held in memory). Fields follow RFC 4180 (a field in double quotes may hold the
/// delimiter, line breaks and doubled quotes). Lines starting with '#' before or between rows are comments (VizieR
/// exports start with them); empty lines are skipped. Syntax errors and typed accessors fail with a
/// <see cref="ManifestFormatException"/> naming the file, line and column.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly char _delimiter;

    private CsvTable(string file, char delimiter, string[] header, int headerLine)
    {
        File = file;
        _delimiter = delimiter;
        Header = header;
        HeaderLine = headerLine;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            if (!_columns.TryAdd(header[i], i))
                throw new ManifestFormatException(file, headerLine, header[i], "the column name appears twice in the header");
        }
    }

    /// <summary>Path of the file (for messages).</summary>
    public string File { get; }

    /// <summary>Column names as written (trimmed).</summary>
    public string[] Header { get; }

    /// <summary>1-based line of the header.</summary>
    public int HeaderLine { get; }

    /// <summary>Data rows in file order, read from the file on each enumeration; a row with the wrong field count fails.</summary>
    public IEnumerable<CsvRow> Rows
    {
        get
        {
            using var reader = new StreamReader(File, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var first = true;
            foreach (var (line, fields) in Split(File, reader, _delimiter))
            {
                if (first) { first = false; continue; }
                if (fields.Length != Header.Length)
                    throw new ManifestFormatException(File, line, null,
                        $"the row has {fields.Length} fields but the header (line {HeaderLine}) has {Header.Length}");
                yield return new CsvRow(line, fields);
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> (UTF-8) split on <paramref name="delimiter"/> and reads its header.</summary>
    public static CsvTable Read(string path, char delimiter = ',')
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var (line, fields) in Split(path, reader, delimiter))
            return new CsvTable(path, delimiter, fields.Select(f => f.Trim()).ToArray(), line);
        throw new ManifestFormatException(path, 1, null, "the file is empty: no header row");
    }

    /// <summary>Index of <paramref name="name"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => _columns.TryGetValue(name.Trim(), out var i) ? i : -1;

    /// <summary>Index of <paramref name="name"/>, or an error naming the file and the columns it has.</summary>
    public int Require(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
            throw new ManifestFormatException(File, HeaderLine, name,
                $"Could not find column '{name}' (the header has: {string.Join(", ", Header)})");
        return i;
    }

    /// <summary>An error about <paramref name="row"/>'s column <paramref name="column"/>.</summary>
    public ManifestFormatException Error(CsvRow row, int column, string problem) =>
        new(File, row.Line, Header[column], problem);

    /// <summary>The trimmed field; empty is an error unless <paramref name="optional"/> (then null).</summary>
    public string? Text(CsvRow row, int column, bool optional = false)
    {
        var s = row.Fields[column].Trim();
        if (s.Length > 0) return s;
        if (optional) return null;
        throw Error(row, column, "the value is empty");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>] (invariant culture).</summary>
    public double Number(CsvRow row, int column, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = Text(row, column)!;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw Error(row, column, $"'{s}' is not a number");
        if (v < min || v > max) throw Error(row, column, $"{s} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return v;
    }

    /// <summary>An integer ≥ <paramref name="min"/>.</summary>
    public int Integer(CsvRow row, int column, int min = int.MinValue)
    {
        var s = Text(row, column)!;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw Error(row, column, $"'{s}' is not an integer");
        if (v < min) throw Error(row, column, $"{v} is below the minimum {min}");
        return v;
    }

    private static IEnumerable<(int Line, string[] Fields)> Split(string path, TextReader reader, char delimiter)
    {
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0 || text[0] == '#') continue;
            var start = number;
            if (!text.Contains('"'))
            {
                yield return (start, text.Split(delimiter));
                continue;
            }
            // Quoted fields: parse by character; a quoted line break continues the record on the next line.
            var fields = new List<string>();
            var field = new StringBuilder();
            var pos = 0;
            while (true)
            {
                field.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    pos++;
                    while (true)
                    {
                        if (pos == text.Length)
                        {
                            text = reader.ReadLine() ?? throw new ManifestFormatException(path, start, null, "a quoted field is not closed before the end of the file");
                            number++;
                            pos = 0;
                            field.Append('\n');
                            continue;
                        }
                        var ch = text[pos++];
                        if (ch != '"') { field.Append(ch); continue; }
                        if (pos < text.Length && text[pos] == '"') { field.Append('"'); pos++; continue; }
                        break;
                    }
                    if (pos < text.Length && text[pos] != delimiter)
                        throw new ManifestFormatException(path, start, null, $"unexpected text after the closing quote of field {fields.Count + 1}");
                }
                else
                {
                    var end = text.IndexOf(delimiter, pos);
                    if (end < 0) end = text.Length;
                    var raw = text[pos..end];
                    if (raw.Contains('"')) throw new ManifestFormatException(path, start, null, $"a quote inside unquoted field {fields.Count + 1}");
                    field.Append(raw);
                    pos = end;
                }
                fields.Add(field.ToString());
                if (pos < text.Length) { pos++; continue; }
                break;
            }
            yield return (start, fields.ToArray());
        }
    }
}
