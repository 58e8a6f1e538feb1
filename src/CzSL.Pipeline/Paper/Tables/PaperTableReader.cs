using System.Globalization;
using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// Strict reader of one paper test file (through <see cref="CsvTable"/>). The header must be exactly the published
/// column list; every row must have every field, OBJID must be digits, counts non-negative integers with
/// N_CS = N_CW + N_ACW + N_EDGE and NVOTE = N_EL + N_CS + N_DK + N_MG, every published fraction within 0.0005 of its
/// count / NVOTE (3-decimal rounding), EL_DEB/CS_DEB finite, and labels one of the published codes (HAND must agree
/// with EXPERT). The first problem stops reading with a <see cref="ManifestFormatException"/> naming file, line and column.
/// </summary>
public static class PaperTableReader
{
    /// <summary>Columns of the ESRL files, in order.</summary>
    public static readonly IReadOnlyList<string> EsrlColumns =
    [
        "OBJID", "NVOTE", "N_EL", "N_CS", "N_CW", "N_ACW", "N_EDGE", "N_DK", "N_MG", "EL", "CS", "CW", "ACW", "EDGE", "DK", "MG",
        "EL_DEB", "CS_DEB", "EL_DEB[123]", "CS_DEB[123]", "AMATEUR", "EXPERT", "AMATEUR_MAJOR", "HAND",
    ];

    /// <summary>Columns of the MG files, in order.</summary>
    public static readonly IReadOnlyList<string> MgColumns =
    [
        "OBJID", "NVOTE", "N_EL", "N_CS", "N_CW", "N_ACW", "N_EDGE", "N_DK", "N_MG", "EL", "CS", "CW", "ACW", "EDGE", "DK", "MG",
        "EL_DEB", "CS_DEB", "AMATEUR", "ES_EXPERT", "MG_EXPERT", "MG_AMATEUR",
    ];

    /// <summary>Published fractions must match count / NVOTE within this (they are rounded to 3 decimals).</summary>
    public const double FractionTolerance = 0.0005 + 1e-9;

    /// <summary>File name of test fold <paramref name="fold"/> of <paramref name="kind"/>.</summary>
    public static string FileName(PaperTableKind kind, int fold) =>
        $"GZ1_Expert-{(kind == PaperTableKind.Esrl ? "ESRL" : "MG")}_test_{fold}.csv";

    /// <summary>The published column list of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> Columns(PaperTableKind kind) => kind == PaperTableKind.Esrl ? EsrlColumns : MgColumns;

    /// <summary>Reads test file <paramref name="path"/> as fold <paramref name="fold"/> of <paramref name="kind"/>.</summary>
    /// <exception cref="ManifestFormatException">The header or a row is malformed.</exception>
    public static IReadOnlyList<PaperRow> Read(string path, PaperTableKind kind, int fold)
    {
        var columns = Columns(kind);
        var table = CsvTable.Open(path);
        CheckHeader(table, columns);
        var rows = new List<PaperRow>();
        foreach (var (line, fields) in table.Rows)
        {
            var row = new RowParser(path, line, columns, fields);
            rows.Add(kind == PaperTableKind.Esrl ? row.Esrl(fold, rows.Count) : row.Mg(fold, rows.Count));
        }
        return rows;
    }

    private static void CheckHeader(CsvTable table, IReadOnlyList<string> columns)
    {
        var names = table.Header;
        for (var i = 0; i < Math.Max(names.Count, columns.Count); i++)
        {
            var got = i < names.Count ? names[i] : "(nothing)";
            var want = i < columns.Count ? columns[i] : "(nothing)";
            if (got != want)
                throw new ManifestFormatException(table.File, table.HeaderLine, got,
                    $"header field {i + 1} is '{got}', expected '{want}' (expected header: {string.Join(',', columns)})");
        }
    }

    private readonly struct RowParser(string path, int line, IReadOnlyList<string> columns, IReadOnlyList<string> fields)
    {
        public PaperRow Esrl(int fold, int index)
        {
            var (votes, elDeb, csDeb) = Votes();
            var elDeb123 = Fraction("EL_DEB[123]", unit: false);
            var csDeb123 = Fraction("CS_DEB[123]", unit: false);
            var clean = Clean();
            var expert = Code("EXPERT", "M", "L");
            var major = (int)Integer("AMATEUR_MAJOR", 0, 1);
            var hand = Code("HAND", "0", "1", "-1");
            if ((hand == "0") != (expert == "M"))
                throw Error("HAND", $"HAND {hand} contradicts EXPERT {expert} (0 must go with M, ±1 with L)");
            return new PaperRow(new GalaxyRecord
            {
                Id = Id(),
                Votes = votes,
                EllipticalDebiased = elDeb,
                SpiralDebiased = csDeb,
                EllipticalDebiased123 = elDeb123,
                SpiralDebiased123 = csDeb123,
                ExpertES = EsLabel(expert),
                ExpertERL = hand switch { "0" => ScenarioClasses.ERL[0], "1" => ScenarioClasses.ERL[1], _ => ScenarioClasses.ERL[2] },
                Fold = fold,
                Order = index,
            }, line, clean, major, null);
        }

        public PaperRow Mg(int fold, int index)
        {
            var (votes, elDeb, csDeb) = Votes();
            var clean = Clean();
            var es = Code("ES_EXPERT", "M", "L", "N");
            var expert = (int)Integer("MG_EXPERT", 0, 1);
            var flag = (int)Integer("MG_AMATEUR", 0, 1);
            return new PaperRow(new GalaxyRecord
            {
                Id = Id(),
                Votes = votes,
                EllipticalDebiased = elDeb,
                SpiralDebiased = csDeb,
                ExpertES = es == "N" ? null : EsLabel(es),
                ExpertMG = ScenarioClasses.MG[expert],
                Fold = fold,
                Order = index,
            }, line, clean, null, flag);
        }

        private static string EsLabel(string code) => code == "M" ? ScenarioClasses.ES[0] : ScenarioClasses.ES[1];

        private string Id()
        {
            var id = Field("OBJID");
            if (id.Length == 0 || id.Length > 19 || !id.All(char.IsAsciiDigit))
                throw Error("OBJID", $"'{id}' is not an SDSS objID (1–19 digits)");
            return id;
        }

        private (VoteCounts Votes, double ElDeb, double CsDeb) Votes()
        {
            var total = Integer("NVOTE", 1, int.MaxValue);
            var el = Integer("N_EL", 0, int.MaxValue);
            var cs = Integer("N_CS", 0, int.MaxValue);
            var cw = Integer("N_CW", 0, int.MaxValue);
            var acw = Integer("N_ACW", 0, int.MaxValue);
            var edge = Integer("N_EDGE", 0, int.MaxValue);
            var dk = Integer("N_DK", 0, int.MaxValue);
            var mg = Integer("N_MG", 0, int.MaxValue);
            if (cs != cw + acw + edge)
                throw Error("N_CS", $"N_CS {cs} ≠ N_CW + N_ACW + N_EDGE = {cw + acw + edge}");
            if (total != el + cs + dk + mg)
                throw Error("NVOTE", $"NVOTE {total} ≠ N_EL + N_CS + N_DK + N_MG = {el + cs + dk + mg}");
            foreach (var (name, count) in new[] { ("EL", el), ("CS", cs), ("CW", cw), ("ACW", acw), ("EDGE", edge), ("DK", dk), ("MG", mg) })
            {
                var published = Fraction(name, unit: true);
                var exact = (double)count / total;
                if (Math.Abs(published - exact) > FractionTolerance)
                    throw Error(name, $"{name} {published.ToString(CultureInfo.InvariantCulture)} does not match N_{name} / NVOTE = {count}/{total}");
            }
            return (new VoteCounts((int)el, (int)cw, (int)acw, (int)edge, (int)dk, (int)mg), Fraction("EL_DEB", unit: false), Fraction("CS_DEB", unit: false));
        }

        private char Clean() => Code("AMATEUR", "S", "E", "U")[0];

        private string Field(string column) => fields[IndexOf(column)];

        private int IndexOf(string column)
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i] == column) return i;
            throw new InvalidOperationException($"Column {column} is not part of this table.");
        }

        private long Integer(string column, long min, long max)
        {
            var text = Field(column);
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Error(column, $"'{text}' is not an integer");
            if (value < min || value > max)
                throw Error(column, $"{value} is outside [{min}, {(max == int.MaxValue ? "∞" : max.ToString(CultureInfo.InvariantCulture))}]");
            return value;
        }

        private double Fraction(string column, bool unit)
        {
            var text = Field(column);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw Error(column, $"'{text}' is not a number");
            if (unit && value is < 0 or > 1)
                throw Error(column, $"{text} is not a fraction in [0, 1]");
            return value;
        }

        private string Code(string column, params string[] allowed)
        {
            var text = Field(column);
            if (!allowed.Contains(text, StringComparer.Ordinal))
                throw Error(column, $"'{text}' is not one of {string.Join(", ", allowed)}");
            return text;
        }

        private ManifestFormatException Error(string column, string problem) => new(path, line, column, problem);
    }
}
