using CzSL.Data.Csv;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Crossmatch;
using CzSL.DataPrep.Download;

namespace CzSL.DataPrep.Gz1;

/// <summary>
/// The public Galaxy Zoo 1 data-release table (Lintott et al. 2011, MNRAS 410, 166; table 2, <c>GalaxyZoo1_DR_table2.csv</c>):
/// <c>OBJID, RA, DEC, NVOTE, P_EL, P_CW, P_ACW, P_EDGE, P_DK, P_MG, P_CS, P_EL_DEBIASED, P_CS_DEBIASED, SPIRAL,
/// ELLIPTICAL, UNCERTAIN</c>. Keyed by OBJID; the source of RA/Dec for the CzSL paper's galaxies.
/// </summary>
/// <remarks>
/// <para>RA and DEC may be sexagesimal (<c>hh:mm:ss.ss</c>, <c>±dd:mm:ss.s</c>, as published) or decimal degrees.</para>
/// <para>Vote counts are reconstructed as round(NVOTE × P_x), halves away from zero, for each of the six categories, and
/// their sum must equal NVOTE (else the row is rejected, naming the NVOTE column). The fractions are published to
/// three decimals and NVOTE is below 100, so NVOTE × P_x lies within 0.05 of the true count and the rounding is
/// exact; on the CzSL paper's 43,779 galaxies, whose tables give both counts and 3-decimal fractions, this
/// reconstruction reproduces every count.</para>
/// <para>Fractions must lie in [0, 1.002] (3-decimal rounding can push a sum such as P_CS just past 1).</para>
/// <para>The debiased and flag columns are optional (a table without them leaves those fields null); every other column
/// is required. Parsing is strict: the first malformed value fails the read with file, line and column.</para>
/// </remarks>
public sealed class Gz1Table
{
    /// <summary>Required columns, as published.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["OBJID", "RA", "DEC", "NVOTE", "P_EL", "P_CW", "P_ACW", "P_EDGE", "P_DK", "P_MG", "P_CS"];

    // Fractions are published rounded to 3 decimals, so sums such as P_CS may exceed 1 by rounding.
    private const double MaxFraction = 1.002;

    private readonly Dictionary<string, Gz1Row> _byId;

    private Gz1Table(string path, IReadOnlyList<Gz1Row> rows, Dictionary<string, Gz1Row> byId)
    {
        Path = path;
        Rows = rows;
        _byId = byId;
    }

    /// <summary>The local file that was read (the cache file for a URL).</summary>
    public string Path { get; }

    /// <summary>Rows in file order.</summary>
    public IReadOnlyList<Gz1Row> Rows { get; }

    /// <summary>The row of <paramref name="objId"/>, or null.</summary>
    public Gz1Row? Find(string objId) => _byId.GetValueOrDefault(objId.Trim());

    /// <summary>Reads a local file or an http(s) URL (downloaded to the cache first); blocks until done.</summary>
    /// <exception cref="ManifestFormatException">A malformed header or row (file, line, column).</exception>
    public static Gz1Table Read(string pathOrUrl, Gz1TableOptions? options = null) =>
        ReadAsync(pathOrUrl, options).GetAwaiter().GetResult();

    /// <summary>
    /// Reads a local file or an http(s) URL. A URL is downloaded to <see cref="Gz1TableOptions.CacheFolder"/> with the
    /// retry rules of <see cref="Gz1TableOptions.Retry"/> (as the cutout downloader's); a download is kept only once it
    /// reads as a GZ1 table (an error page or a cut transfer is retried, never cached), and an unreadable cached copy
    /// is downloaded again.
    /// </summary>
    /// <exception cref="ManifestFormatException">A malformed header or row of a local file (file, line, column).</exception>
    /// <exception cref="DownloadFailedException">The download failed for good (final status or every attempt failed).</exception>
    public static async Task<Gz1Table> ReadAsync(string pathOrUrl, Gz1TableOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        options ??= new Gz1TableOptions();
        var path = pathOrUrl;
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var owned = options.Http is null ? new HttpClient() : null;
            try
            {
                var (cached, table) = await RemoteFile.FetchAsync(options.Http ?? owned!, uri, options.CacheFolder, options.Refresh, options.Retry,
                    file => Parse(System.IO.Path.GetFullPath(file)), cancellationToken).ConfigureAwait(false);
                return new Gz1Table(cached, table.Rows, table._byId);
            }
            finally
            {
                owned?.Dispose();
            }
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The GZ1 table '{path}' does not exist.", path);
        }
        return Parse(System.IO.Path.GetFullPath(path));
    }

    /// <summary>
    /// Gives each record found in the table (by <see cref="GalaxyRecord.Id"/> = OBJID) the table's RA/Dec, replacing any
    /// it had; the others are returned unchanged and listed as unmatched.
    /// </summary>
    public PositionAttachResult AttachPositions(IEnumerable<GalaxyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var output = new List<GalaxyRecord>();
        var unmatched = new List<string>();
        foreach (var r in records)
        {
            if (Find(r.Id) is { } row)
            {
                output.Add(r with { Ra = row.Ra, Dec = row.Dec });
            }
            else
            {
                output.Add(r);
                unmatched.Add(r.Id);
            }
        }
        return new PositionAttachResult(output, output.Count - unmatched.Count, unmatched);
    }

    private static Gz1Table Parse(string path)
    {
        var table = CsvTable.Open(path, new CsvTableOptions { Comments = true });
        var c = RequiredColumns.Select(table.Require).ToArray();
        int elDeb = table.IndexOf("P_EL_DEBIASED"), csDeb = table.IndexOf("P_CS_DEBIASED");
        int spiral = table.IndexOf("SPIRAL"), elliptical = table.IndexOf("ELLIPTICAL"), uncertain = table.IndexOf("UNCERTAIN");
        var hasFlags = spiral >= 0 && elliptical >= 0 && uncertain >= 0;
        var rows = new List<Gz1Row>();
        var byId = new Dictionary<string, Gz1Row>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.Text(row, c[0])!;
            if (id.Length > 19 || !id.All(char.IsAsciiDigit)) throw table.Error(row, c[0], $"'{id}' is not an SDSS objID (digits only)");
            if (lineOf.TryGetValue(id, out var first)) throw table.Error(row, c[0], $"objID {id} already appears on line {first}");
            var ra = Angle(table, row, c[1], SkyAngle.ParseRightAscension);
            var dec = Angle(table, row, c[2], SkyAngle.ParseDeclination);
            var nvote = table.Integer(row, c[3], min: 1);
            var p = new double[6];
            for (var k = 0; k < p.Length; k++) p[k] = table.Number(row, c[4 + k], 0, MaxFraction);
            var votes = Reconstruct(table, row, c[3], nvote, p);
            var gz = new Gz1Row(id, ra, dec, nvote, votes, p[0], p[1], p[2], p[3], p[4], p[5], table.Number(row, c[10], 0, MaxFraction),
                elDeb >= 0 ? table.Number(row, elDeb, 0, MaxFraction) : null,
                csDeb >= 0 ? table.Number(row, csDeb, 0, MaxFraction) : null,
                hasFlags ? Flag(table, row, spiral, elliptical, uncertain) : null);
            rows.Add(gz);
            byId.Add(id, gz);
            lineOf.Add(id, row.Line);
        }
        return new Gz1Table(path, rows, byId);
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

    // p: P_EL, P_CW, P_ACW, P_EDGE, P_DK, P_MG.
    private static VoteCounts Reconstruct(CsvTable table, CsvRow row, int nvoteColumn, int nvote, double[] p)
    {
        int n(int k) => (int)Math.Round(nvote * p[k], MidpointRounding.AwayFromZero);
        var votes = new VoteCounts(n(0), n(1), n(2), n(3), n(4), n(5));
        if (votes.Total != nvote)
            throw table.Error(row, nvoteColumn,
                $"the six fractions × NVOTE round to counts summing to {votes.Total}, not NVOTE = {nvote} (fractions and NVOTE disagree)");
        return votes;
    }

    private static char Flag(CsvTable table, CsvRow row, int spiral, int elliptical, int uncertain)
    {
        var s = table.Integer(row, spiral, 0);
        var e = table.Integer(row, elliptical, 0);
        var u = table.Integer(row, uncertain, 0);
        if (s > 1 || e > 1 || u > 1 || s + e + u != 1)
            throw table.Error(row, spiral, $"SPIRAL, ELLIPTICAL, UNCERTAIN are {s}, {e}, {u}: exactly one must be 1");
        return s == 1 ? 'S' : e == 1 ? 'E' : 'U';
    }
}
