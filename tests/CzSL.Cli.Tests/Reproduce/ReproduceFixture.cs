using System.Globalization;
using System.Text;
using CzSL.Pipeline.Paper;
using CzSL.DataPrep.Simulation;

namespace CzSL.Cli.Tests.Reproduce;

/// <summary>
/// Paper tables in the real column layouts (<see cref="RowsPerFold"/> rows per test file, classes cycling so that every
/// set holds every class) and 64×64 PNG images for every <see cref="ImageEvery"/>-th galaxy of each file, in a
/// temporary folder.
/// </summary>
internal sealed class ReproduceFixture : IDisposable
{
    public const int RowsPerFold = 40;
    public const int ImageEvery = 4;

    public ReproduceFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "czsl-reproduce-" + Guid.NewGuid().ToString("N"));
        Tables = Path.Combine(Root, "tables");
        Images = Path.Combine(Root, "images");
        Directory.CreateDirectory(Tables);
        Directory.CreateDirectory(Images);
        for (var k = 1; k <= 5; k++)
        {
            var esrl = new StringBuilder().AppendJoin(',', PaperTableReader.EsrlColumns).Append('\n');
            var mg = new StringBuilder().AppendJoin(',', PaperTableReader.MgColumns).Append('\n');
            for (var i = 0; i < RowsPerFold; i++)
            {
                var id = Id(k, i);
                var cls = i % 3;
                var merger = i % 5 == 0;
                var (el, cw, acw, edge, dk, mgVotes) = cls switch
                {
                    0 => (20, 2, 1, 2, 1, merger ? 16 : 0),
                    1 => (3, 15, 2, 3, 1, merger ? 16 : 1),
                    _ => (2, 2, 16, 3, 0, merger ? 16 : 1),
                };
                var votes = Votes(el, cw, acw, edge, dk, mgVotes);
                var spiral = cw + acw + edge > el;
                esrl.Append($"{id},{votes},0.500,0.500,{(spiral ? "S" : "E")},{(cls == 0 ? "M" : "L")},{(spiral ? 1 : 0)},{cls switch { 0 => "0", 1 => "1", _ => "-1" }}\n");
                var n = el + cw + acw + edge + dk + mgVotes;
                mg.Append($"{id},{votes},U,{(cls == 0 ? "M" : "L")},{(merger ? 1 : 0)},{(2 * mgVotes >= n ? 1 : 0)}\n");
                if (i % ImageEvery == 0) WriteImage(Path.Combine(Images, id + ".png"), cls, merger, k * 100 + i);
            }
            File.WriteAllText(Path.Combine(Tables, PaperTableReader.FileName(PaperTableKind.Esrl, k)), esrl.ToString());
            File.WriteAllText(Path.Combine(Tables, PaperTableReader.FileName(PaperTableKind.Mg, k)), mg.ToString());
        }
        File.WriteAllLines(Path.Combine(Tables, PaperChecksums.FileName),
            PaperTables.FileNames.Select(n => $"{PaperChecksums.Digest(Path.Combine(Tables, n))}  {n}"));
    }

    public string Root { get; }
    public string Tables { get; }
    public string Images { get; }

    /// <summary>The objID of row <paramref name="row"/> (0-based) of test file <paramref name="fold"/>.</summary>
    public static string Id(int fold, int row) => $"58{fold}{row:D4}";

    /// <summary>Whether that galaxy has an image.</summary>
    public static bool HasImage(int row) => row % ImageEvery == 0;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Votes(int el, int cw, int acw, int edge, int dk, int mg)
    {
        var cs = cw + acw + edge;
        var n = el + cs + dk + mg;
        string F(int c) => ((double)c / n).ToString("F3", CultureInfo.InvariantCulture);
        return $"{n},{el},{cs},{cw},{acw},{edge},{dk},{mg},{F(el)},{F(cs)},{F(cw)},{F(acw)},{F(edge)},{F(dk)},{F(mg)},{F(el)},{F(cs)}";
    }

    /// <summary>A dark 64×64 image with a bright blob: round for ellipticals, elongated (direction by winding) for spirals, doubled for mergers.</summary>
    private static void WriteImage(string path, int cls, bool merger, int seed)
    {
        const int size = 64;
        var rgb = new byte[size * size * 3];
        var rng = new Random(seed);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            double dx = x - 32, dy = y - 32;
            double r2 = cls switch
            {
                0 => dx * dx + dy * dy,
                1 => (dx + dy) * (dx + dy) / 4 + (dx - dy) * (dx - dy) * 2,
                _ => (dx - dy) * (dx - dy) / 4 + (dx + dy) * (dx + dy) * 2,
            };
            var v = 220 * Math.Exp(-r2 / 60);
            if (merger) v += 180 * Math.Exp(-((dx - 14) * (dx - 14) + (dy - 10) * (dy - 10)) / 30);
            v += rng.Next(0, 20);
            var b = (byte)Math.Clamp(v, 0, 255);
            var o = (y * size + x) * 3;
            rgb[o] = b;
            rgb[o + 1] = (byte)(b * (cls == 0 ? 0.9 : 0.7));
            rgb[o + 2] = (byte)(b * (cls == 0 ? 0.6 : 1.0));
        }
        File.WriteAllBytes(path, PngEncoder.Encode(rgb, size, size));
    }
}

/// <summary>Collects what a command says.</summary>
internal sealed class RecordingReporter : Console.IReporter
{
    public List<string> Lines { get; } = [];

    public void Info(string message) => Lines.Add("info: " + message);
    public void Success(string message) => Lines.Add("success: " + message);
    public void Warn(string message) => Lines.Add("warn: " + message);
    public void Error(string message) => Lines.Add("error: " + message);
    public void Detail(string text) => Lines.Add("detail: " + text);

    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Lines.Add("table: " + title);
        Lines.AddRange(rows.Select(r => "row: " + string.Join(" | ", r)));
    }

    public Task<T> Step<T>(string name, Func<IProgress<Console.StepProgress>, Task<T>> work) => work(new Progress<Console.StepProgress>());

    public Console.OutputMode Mode { get; set; }

    public void Finish(string command, int exitCode) => Lines.Add($"finish: {command} {exitCode}");
}
