using System.Globalization;
using System.Text;
using CsvHelper;
using CzSL.Data.Manifest;

namespace CzSL.Data.Csv;

/// <summary>One data row of a <see cref="CsvTable"/>: its 1-based line in the file and its fields.</summary>
/// <param name="Line">The line the row starts on (the header is line 1; a quoted line break makes a row span lines).</param>
/// <param name="Fields">The fields, unquoted, as many as the header has.</param>
public readonly record struct CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>How <see cref="CsvTable.Open"/> reads a file.</summary>
public sealed record CsvTableOptions
{
    /// <summary>Field separator: ',' (the default), or e.g. '\t', ';' or '|'.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether lines starting with '#' are comments (VizieR exports start with them). Off by default.</summary>
    public bool Comments { get; init; }
}

/// <summary>
/// The project's one CSV reader (CsvHelper underneath): a header row naming the columns, then data rows, streamed from
/// the file (the GZ1 table has ~670,000 rows, so rows are not held in memory).
/// </summary>
/// <remarks>
/// RFC 4180: UTF-8 (a byte order mark is skipped), records end with CRLF, LF or CR; a field in double quotes may hold
/// the separator, line breaks and doubled quotes (<c>""</c>). Completely empty lines are skipped. Every problem fails
/// with a <see cref="ManifestFormatException"/> naming the file and the 1-based line (header = line 1; a row spanning
/// lines is named by its first): broken quoting (a quote inside an unquoted field or text after a closing quote, both
/// naming the field's 1-based number, or an unclosed quote); a row whose field count differs from the header's (both
/// counts named); an empty file; a header naming a column twice (ignoring case and surrounding whitespace). Errors
/// about a value (<see cref="Error"/> and the typed accessors) name the column as well.
/// </remarks>
public sealed class CsvTable
{
    private readonly CsvTableOptions _options;
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, CsvTableOptions options, IReadOnlyList<string> header, int headerLine)
    {
        File = file;
        _options = options;
        Header = header;
        HeaderLine = headerLine;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (!_columns.TryAdd(header[i].Trim(), i))
                throw new ManifestFormatException(file, headerLine, header[i],
                    $"column '{header[i]}' appears twice in the header (fields {_columns[header[i].Trim()] + 1} and {i + 1})");
        }
    }

    /// <summary>Path of the file (for messages).</summary>
    public string File { get; }

    /// <summary>Column names as written.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>1-based line of the header.</summary>
    public int HeaderLine { get; }

    /// <summary>Data rows in file order, read from the file on each enumeration; the first malformed row fails.</summary>
    public IEnumerable<CsvRow> Rows => ReadRows(onBadRow: null);

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="ManifestFormatException">The file is empty, or its header is malformed or names a column twice.</exception>
    public static CsvTable Open(string path, CsvTableOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvTableOptions();
        using var reader = new Reader(path, options);
        var header = reader.Header();
        return new CsvTable(path, options, header.Fields, header.Line);
    }

    /// <summary>
    /// Data rows in file order, read from the file on each enumeration. A malformed row (bad quoting, or a field count
    /// other than the header's) fails the read, or, when <paramref name="onBadRow"/> is given, is passed to it and left out.
    /// </summary>
    public IEnumerable<CsvRow> ReadRows(Action<ManifestFormatException>? onBadRow)
    {
        using var reader = new Reader(File, _options);
        reader.Header();
        while (reader.Next() is { } row)
        {
            var problem = row.Problem ?? (row.Fields.Count == Header.Count ? null
                : $"the row has {row.Fields.Count} fields but the header (line {HeaderLine}) has {Header.Count}");
            if (problem is null)
            {
                yield return new CsvRow(row.Line, row.Fields);
                continue;
            }
            var error = new ManifestFormatException(File, row.Line, null, problem);
            if (onBadRow is null) throw error;
            onBadRow(error);
        }
    }

    /// <summary>Index of <paramref name="name"/> (ignoring case and surrounding whitespace), or -1.</summary>
    public int IndexOf(string name) => _columns.TryGetValue(name.Trim(), out var i) ? i : -1;

    /// <summary>Index of <paramref name="name"/>, or an error naming the file and the columns it has.</summary>
    /// <exception cref="ManifestFormatException">The header has no such column.</exception>
    public int Require(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
            throw new ManifestFormatException(File, HeaderLine, name,
                $"Could not find column '{name}' (the header has: {string.Join(", ", Header)})");
        return i;
    }

    /// <summary>An error about <paramref name="row"/>'s column <paramref name="column"/> (named by its header).</summary>
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

    /// <summary>A record as read: its line, fields and the quoting problem that spoiled it, if any.</summary>
    private sealed record Record(int Line, IReadOnlyList<string> Fields, string? Problem);

    /// <summary>A CsvHelper reader over the file that turns its malformed-quoting reports into per-record problems.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly string _path;
        private readonly char _separator;
        private readonly CsvReader _csv;
        private readonly Dictionary<long, CsvMalformedRecord> _malformed = [];

        public Reader(string path, CsvTableOptions options)
        {
            _path = path;
            _separator = options.Separator;
            _csv = CsvReader.FromFile(path, new CsvReaderOptions
            {
                Separator = options.Separator,
                CommentPrefix = options.Comments ? '#' : null,
                DetectSeparatorHint = false,
                TrackLineNumbers = true,
                MalformedData = CsvMalformedDataHandling.Recover,
                OnMalformedRecord = m => _malformed.TryAdd(m.LineNumber, m),
            });
        }

        public Record Header()
        {
            var names = Guard(() => _csv.Headers);
            if (names.Count == 0) throw new ManifestFormatException(_path, 1, null, "the file is empty: no header row");
            var header = Current(names.ToArray());
            return header.Problem is null ? header : throw new ManifestFormatException(_path, header.Line, null, $"header: {header.Problem}");
        }

        public Record? Next()
        {
            if (!Guard(_csv.Read)) return null;
            var fields = new string[_csv.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = _csv.GetString(i);
            return Current(fields);
        }

        public void Dispose() => _csv.Dispose();

        private Record Current(string[] fields)
        {
            var line = checked((int)_csv.LineNumber);
            return new Record(line, fields, _malformed.Remove(line, out var m) ? Describe(m) : null);
        }

        // CsvHelper reports where the quoting broke; the field is counted from the start of the record up to there.
        private string Describe(CsvMalformedRecord m)
        {
            var raw = Encoding.UTF8.GetBytes(m.RawRecord);
            var before = raw.AsSpan(0, (int)Math.Clamp(m.ByteOffset - _csv.ByteOffset, 0, raw.Length));
            var field = 1;
            var quoted = false;
            foreach (var b in before)
            {
                if (b == '"') quoted = !quoted;
                else if (b == _separator && !quoted) field++;
            }
            return m.Reason switch
            {
                CsvMalformedReason.StrayQuote => $"a quote inside unquoted field {field} (quote the whole field and double the quote)",
                CsvMalformedReason.TextAfterClosingQuote => $"unexpected text after the closing quote of field {field}",
                CsvMalformedReason.UnterminatedQuote => "a quoted field is not closed before the end of the file",
                _ => $"malformed quoting in field {field} ({m.Reason})", // not reported with these options
            };
        }

        private T Guard<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (CsvFormatException e)
            {
                throw new ManifestFormatException(_path, (int)Math.Max(1, e.LineNumber), null, e.Message, e);
            }
        }
    }
}
