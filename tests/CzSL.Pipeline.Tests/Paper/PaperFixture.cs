using System.Globalization;
using System.Text;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Tests.Paper;

/// <summary>Writes small paper tables in the real column layouts (two rows per test file) into a temporary folder.</summary>
internal sealed class PaperFixture : IDisposable
{
    public PaperFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "czsl-paper-fixture-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        for (var k = 1; k <= 5; k++)
        {
            Write(PaperTableKind.Esrl, k,
                EsrlRow($"10{k}1", el: 20, cw: 1, acw: 2, edge: 3, dk: 1, mg: 0, clean: "E", expert: "M", hand: "0"),
                EsrlRow($"10{k}2", el: 3, cw: 2, acw: 18, edge: 4, dk: 0, mg: 1, clean: "S", expert: "L", hand: "-1"));
            Write(PaperTableKind.Mg, k,
                MgRow($"10{k}1", el: 20, cw: 1, acw: 2, edge: 3, dk: 1, mg: 0, es: "M", mgExpert: 0),
                MgRow($"20{k}2", el: 2, cw: 0, acw: 1, edge: 0, dk: 0, mg: 15, es: "N", mgExpert: 1));
        }
        WriteChecksums();
    }

    public string Directory { get; }

    public string PathOf(PaperTableKind kind, int fold) => Path.Combine(Directory, PaperTableReader.FileName(kind, fold));

    public void WriteChecksums() =>
        File.WriteAllLines(Path.Combine(Directory, PaperChecksums.FileName),
            PaperTables.FileNames.Select(n => $"{PaperChecksums.Digest(Path.Combine(Directory, n))}  {n}"));

    /// <summary>Replaces field <paramref name="column"/> of data line <paramref name="line"/> (1 = header) of a file.</summary>
    public void Edit(PaperTableKind kind, int fold, int line, string column, string value)
    {
        var path = PathOf(kind, fold);
        var lines = File.ReadAllLines(path);
        var index = Array.IndexOf(lines[0].Split(','), column);
        var fields = lines[line - 1].Split(',');
        fields[index] = value;
        lines[line - 1] = string.Join(',', fields);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Write(PaperTableKind kind, int fold, params string[] rows)
    {
        var text = new StringBuilder().AppendJoin(',', PaperTableReader.Columns(kind)).Append('\n');
        foreach (var row in rows) text.Append(row).Append('\n');
        File.WriteAllText(PathOf(kind, fold), text.ToString());
    }

    private static string Votes(int el, int cw, int acw, int edge, int dk, int mg)
    {
        var cs = cw + acw + edge;
        var n = el + cs + dk + mg;
        string F(int c) => ((double)c / n).ToString("F3", CultureInfo.InvariantCulture);
        return $"{n},{el},{cs},{cw},{acw},{edge},{dk},{mg},{F(el)},{F(cs)},{F(cw)},{F(acw)},{F(edge)},{F(dk)},{F(mg)},{F(el)},{F(cs)}";
    }

    private static string EsrlRow(string id, int el, int cw, int acw, int edge, int dk, int mg, string clean, string expert, string hand) =>
        $"{id},{Votes(el, cw, acw, edge, dk, mg)},0.610,0.390,{clean},{expert},{(cw + acw + edge > el ? 1 : 0)},{hand}";

    private static string MgRow(string id, int el, int cw, int acw, int edge, int dk, int mg, string es, int mgExpert) =>
        $"{id},{Votes(el, cw, acw, edge, dk, mg)},U,{es},{mgExpert},{(2 * mg >= el + cw + acw + edge + dk + mg ? 1 : 0)}";
}
