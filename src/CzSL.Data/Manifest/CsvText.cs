using System.Text;

namespace CzSL.Data.Manifest;

/// <summary>One CSV record: its 1-based starting line, its fields, or the syntax error that spoiled it.</summary>
internal readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
/// breaks and doubled quotes (<c>""</c>). A quote inside an unquoted field, or text after a closing quote, spoils
/// the record (reported with its line; reading resumes on the next line). Completely empty lines are not records.
/// </summary>
internal static class CsvText
{
    /// <summary>Splits <paramref name="text"/> into records.</summary>
    public static IEnumerable<CsvRecord> Records(string text)
    {
        var pos = 0;
        var line = 1;
        var field = new StringBuilder();
        while (pos < text.Length)
        {
            if (text[pos] == '\n' || text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n')
            {
                pos += text[pos] == '\r' ? 2 : 1;
                line++;
                continue;
            }
            var start = line;
            var fields = new List<string>();
            string? error = null;
            while (true)
            {
                field.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    pos++;
                    var closed = false;
                    while (pos < text.Length)
                    {
                        var c = text[pos];
                        if (c == '"')
                        {
                            if (pos + 1 < text.Length && text[pos + 1] == '"') { field.Append('"'); pos += 2; continue; }
                            pos++;
                            closed = true;
                            break;
                        }
                        if (c == '\n') line++;
                        field.Append(c);
                        pos++;
                    }
                    if (!closed)
                    {
                        yield return new CsvRecord(start, fields, "a quoted field is not closed before the end of the file");
                        yield break;
                    }
                    if (pos < text.Length && !IsEnd(text, pos) && text[pos] != ',')
                        error = $"unexpected text after the closing quote of field {fields.Count + 1}";
                }
                else
                {
                    while (pos < text.Length && text[pos] != ',' && !IsEnd(text, pos))
                    {
                        if (text[pos] == '"' && error is null)
                            error = $"a quote inside unquoted field {fields.Count + 1} (quote the whole field and double the quote)";
                        field.Append(text[pos]);
                        pos++;
                    }
                }
                fields.Add(field.ToString());
                if (error is not null)
                {
                    while (pos < text.Length && !IsEnd(text, pos)) pos++;
                }
                if (pos < text.Length && text[pos] == ',') { pos++; continue; }
                break;
            }
            if (pos < text.Length)
            {
                pos += text[pos] == '\r' ? 2 : 1;
                line++;
            }
            yield return new CsvRecord(start, fields, error);
        }
    }

    private static bool IsEnd(string text, int pos) =>
        text[pos] == '\n' || text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n';

    /// <summary>Writes <paramref name="value"/> as a field, quoted when it holds a comma, quote or line break.</summary>
    public static void AppendField(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
