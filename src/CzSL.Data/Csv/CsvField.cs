using System.Text;

namespace CzSL.Data.Csv;

/// <summary>Writing one RFC 4180 field (the counterpart of <see cref="CsvTable"/> for writers that need quoting).</summary>
public static class CsvField
{
    /// <summary>Appends <paramref name="value"/>, quoted when it holds a comma, quote or line break.</summary>
    public static void Append(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
