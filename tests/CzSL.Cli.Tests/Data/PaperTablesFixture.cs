using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Tests.Data;

/// <summary>
/// Writes the paper's ten test files in their real column layouts, with known answers: every test file has
/// <see cref="RowsPerFold"/> ESRL galaxies of which exactly <see cref="FlippedPerFold"/> have a vote majority against
/// the expert (ES and ERL agreement 87.5% in every fold), and an MG file with the same galaxies (same votes, no
/// mergers) plus <see cref="MergersPerFold"/> expert mergers spread through the file, each with a merger-vote majority.
/// </summary>
internal sealed class PaperTablesFixture : IDisposable
{
    public const int RowsPerFold = 40;
    public const int FlippedPerFold = 5;
    public const int MergersPerFold = 4;

    private readonly TempFolder _folder = new();

    public PaperTablesFixture()
    {
        for (var fold = 1; fold <= PaperTable.FoldCount; fold++)
        {
            var esrl = new List<string>();
            var mg = new List<string>();
            for (var i = 0; i < RowsPerFold; i++)
            {
                // Types cycle elliptical, elliptical, clockwise, anticlockwise, edge-on; every 8th galaxy's votes go the
                // other way (ellipticals voted spiral, spirals voted elliptical): 5 of 40 per fold.
                var type = i % 5;
                var flipped = i % 8 == 7;
                var n = 20 + (i * 7 % 23);
                var strong = (int)Math.Round(n * 0.75);
                var rest = n - strong;
                var spiralVotes = type == 0 || type == 1 ? flipped : !flipped;
                int el, cw = 0, acw = 0, edge = 0;
                if (!spiralVotes) { el = strong; acw = rest; }
                else
                {
                    el = rest;
                    if (type == 2) cw = strong;
                    else if (type == 3) acw = strong;
                    else if (type == 4) { cw = strong - strong / 2; acw = strong / 2 - 1; edge = 1; }
                    else acw = strong; // an elliptical voted spiral
                }
                var expert = type <= 1 ? "M" : "L";
                var hand = type <= 1 ? "0" : type == 3 ? "-1" : "1";
                var votes = Votes(el, cw, acw, edge, dk: 0, mg: 0);
                var clean = 5 * el >= 4 * n ? "E" : 5 * (cw + acw + edge) >= 4 * n ? "S" : "U";
                var major = cw + acw + edge >= el ? 1 : 0;
                esrl.Add($"{Id(fold, i)},{votes},0.500,0.500,{clean},{expert},{major},{hand}");
                mg.Add($"{Id(fold, i)},{votes},{clean},{expert},0,0");
            }
            // Mergers at rows 0, 11, 22, 33 of the MG file: the first 5% (L) and the next 20% (A) of a training fold both hold some.
            for (var m = 0; m < MergersPerFold; m++)
                mg.Insert(11 * m, $"{Id(fold, 900 + m)},{Votes(el: 2, cw: 0, acw: 1, edge: 1, dk: 0, mg: 16 + m)},U,N,1,1");
            Write(PaperTableKind.Esrl, fold, esrl);
            Write(PaperTableKind.Mg, fold, mg);
        }
        File.WriteAllLines(_folder[PaperChecksums.FileName],
            PaperTables.FileNames.Select(n => $"{PaperChecksums.Digest(_folder[n])}  {n}"));
    }

    /// <summary>The tables folder.</summary>
    public string Directory => _folder.Path;

    /// <summary>The objID of row <paramref name="index"/> of test file <paramref name="fold"/> (mergers: 900+).</summary>
    public static string Id(int fold, int index) => string.Create(CultureInfo.InvariantCulture, $"58773{fold}{index:D6}");

    /// <summary>A path under the fixture folder (for outputs next to the tables).</summary>
    public string this[string relative] => _folder[relative];

    /// <summary>Appends a newline to ESRL test file 1 without updating SHA256SUMS.</summary>
    public void Tamper()
    {
        var path = _folder[PaperTableReader.FileName(PaperTableKind.Esrl, 1)];
        File.AppendAllText(path, "\n");
    }

    public void Dispose() => _folder.Dispose();

    private void Write(PaperTableKind kind, int fold, IEnumerable<string> rows)
    {
        var text = new StringBuilder().AppendJoin(',', PaperTableReader.Columns(kind)).Append('\n');
        foreach (var row in rows) text.Append(row).Append('\n');
        File.WriteAllText(_folder[PaperTableReader.FileName(kind, fold)], text.ToString());
    }

    // NVOTE, the seven counts, their fractions, EL_DEB, CS_DEB.
    private static string Votes(int el, int cw, int acw, int edge, int dk, int mg)
    {
        var cs = cw + acw + edge;
        var n = el + cs + dk + mg;
        string F(int c) => ((double)c / n).ToString("F3", CultureInfo.InvariantCulture);
        return $"{n},{el},{cs},{cw},{acw},{edge},{dk},{mg},{F(el)},{F(cs)},{F(cw)},{F(acw)},{F(edge)},{F(dk)},{F(mg)},{F(el)},{F(cs)}";
    }
}
