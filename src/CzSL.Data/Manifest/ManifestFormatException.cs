namespace CzSL.Data.Manifest;

/// <summary>
/// A manifest, or any other CSV table read through <see cref="Csv.CsvTable"/>, that cannot be read: names the file, the
/// line (1-based, the header is line 1) and, where one is to blame, the column. Message form: <c>manifest.csv line 12, column n_el: 'abc' is not an integer</c>.
/// </summary>
public sealed class ManifestFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="problem"/> is the part after "file line N, column C: ".</summary>
    public ManifestFormatException(string file, int line, string? column, string problem, Exception? inner = null)
        : base(Compose(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Path of the file.</summary>
    public string File { get; }

    /// <summary>1-based line of the row at fault (where a quoted field spans lines: the line the row starts on).</summary>
    public int Line { get; }

    /// <summary>Header name of the column at fault, or null when the whole row is at fault.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string file, int line, string? column, string problem) =>
        column is null
            ? $"{Path.GetFileName(file)} line {line}: {problem}"
            : $"{Path.GetFileName(file)} line {line}, column {column}: {problem}";
}
