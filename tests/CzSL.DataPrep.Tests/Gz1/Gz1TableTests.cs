using CzSL.Data.Manifest;
using CzSL.DataPrep.Download;
using CzSL.DataPrep.Gz1;
using CzSL.DataPrep.Tests.Download;

namespace CzSL.DataPrep.Tests.Gz1;

[TestClass]
public sealed class Gz1TableTests
{
    private const string Header = "OBJID,RA,DEC,NVOTE,P_EL,P_CW,P_ACW,P_EDGE,P_DK,P_MG,P_CS,P_EL_DEBIASED,P_CS_DEBIASED,SPIRAL,ELLIPTICAL,UNCERTAIN";
    // First row in the published style (sexagesimal); second in decimal degrees.
    private const string Sexagesimal = "587727178986356823,00:00:00.41,-10:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1";
    private const string Decimal = "587730774416589068,350.2519,+14.75,25,0.080,0.040,0.800,0.040,0.040,0.000,0.880,0.075,0.900,1,0,0";

    [TestMethod]
    public void Reads_sexagesimal_and_decimal_positions_and_reconstructs_votes()
    {
        using var dir = new ScratchFolder();
        var table = Gz1Table.Read(dir.Write("t.csv", $"{Header}\n{Sexagesimal}\r\n{Decimal}\n"));

        Assert.AreEqual(2, table.Rows.Count);
        var a = table.Find("587727178986356823")!;
        Assert.AreEqual(0.41 * 15 / 3600, a.Ra, 1e-12);
        Assert.AreEqual(-(10 + 22 / 60.0 + 25.7 / 3600), a.Dec, 1e-12);
        Assert.AreEqual(59, a.NVote);
        Assert.AreEqual(new VoteCounts(36, 2, 0, 9, 9, 3), a.Votes);
        Assert.AreEqual(0.186, a.PCsDebiased);
        Assert.AreEqual('U', a.Flag);

        var b = table.Find(" 587730774416589068 ")!;
        Assert.AreEqual(350.2519, b.Ra, 1e-12);
        Assert.AreEqual(14.75, b.Dec, 1e-12);
        Assert.AreEqual(new VoteCounts(2, 1, 20, 1, 1, 0), b.Votes);
        Assert.AreEqual(25, b.Votes.Total);
        Assert.AreEqual('S', b.Flag);

        var record = b.ToRecord();
        Assert.AreEqual("587730774416589068", record.Id);
        Assert.AreEqual(0.075, record.EllipticalDebiased);
        Assert.AreEqual(0.9, record.SpiralDebiased);
        Assert.IsNull(record.Image);
    }

    [TestMethod]
    public void Optional_debiased_and_flag_columns_may_be_absent()
    {
        using var dir = new ScratchFolder();
        var table = Gz1Table.Read(dir.Write("t3.csv",
            "OBJID,RA,DEC,NVOTE,P_EL,P_CW,P_ACW,P_EDGE,P_DK,P_MG,P_CS\n1,10.5,-5,10,0.5,0.1,0.1,0.1,0.1,0.1,0.3\n"));
        var row = table.Rows.Single();
        Assert.IsNull(row.PElDebiased);
        Assert.IsNull(row.Flag);
        Assert.AreEqual(new VoteCounts(5, 1, 1, 1, 1, 1), row.Votes);
    }

    [TestMethod]
    [DataRow("587727178986356823,25:00:00.41,-10:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "RA", "hours must be below 24")]
    [DataRow("587727178986356823,00:00:00.41,-91:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "DEC", "outside [-90, 90]")]
    [DataRow("587727178986356823,00:00:00.41,-10:72:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "DEC", "minutes must be below 60")]
    [DataRow("587727178986356823,00:00:00.41,-10:22:25.7,59,abc,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "P_EL", "'abc' is not a number")]
    [DataRow("587727178986356823,00:00:00.41,-10:22:25.7,59,1.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "P_EL", "1.61 is outside [0, 1.002]")]
    [DataRow("587727178986356823,00:00:00.41,-10:22:25.7,59,0.71,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "NVOTE", "summing to 65, not NVOTE = 59")]
    [DataRow("58772717898635682X,00:00:00.41,-10:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "OBJID", "not an SDSS objID")]
    [DataRow("587730774416589068,00:00:00.41,-10:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,0,0,1", 3, "OBJID", "already appears on line 2")]
    [DataRow("587727178986356823,00:00:00.41,-10:22:25.7,59,0.61,0.034,0.0,0.153,0.153,0.051,0.186,0.61,0.186,1,0,1", 3, "SPIRAL", "exactly one must be 1")]
    [DataRow("587727178986356823,00:00:00.41,-10:22:25.7,59,0.61", 3, null, "5 fields but the header (line 1) has 16")]
    public void A_malformed_row_fails_naming_file_line_and_column(string row, int line, string? column, string problem)
    {
        using var dir = new ScratchFolder();
        var path = dir.Write("gz1.csv", $"{Header}\n{Decimal}\n{row}\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => Gz1Table.Read(path));
        Assert.AreEqual(line, e.Line);
        Assert.AreEqual(column, e.Column);
        StringAssert.Contains(e.Message, problem);
        StringAssert.StartsWith(e.Message, column is null ? $"gz1.csv line {line}:" : $"gz1.csv line {line}, column {column}:");
    }

    [TestMethod]
    public void A_missing_column_is_named()
    {
        using var dir = new ScratchFolder();
        var path = dir.Write("gz1.csv", Header.Replace("P_DK,", "", StringComparison.Ordinal) + "\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => Gz1Table.Read(path));
        Assert.AreEqual("P_DK", e.Column);
        StringAssert.Contains(e.Message, "Could not find column 'P_DK'");
    }

    [TestMethod]
    public void Attaching_positions_reports_matched_and_unmatched()
    {
        using var dir = new ScratchFolder();
        var table = Gz1Table.Read(dir.Write("t.csv", $"{Header}\n{Sexagesimal}\n{Decimal}\n"));
        var records = new[]
        {
            new GalaxyRecord { Id = "587730774416589068", Image = "a.jpeg", Ra = 1, Dec = 1 },
            new GalaxyRecord { Id = "123" },
            new GalaxyRecord { Id = "587727178986356823", ExpertES = "spiral" },
        };
        var result = table.AttachPositions(records);
        Assert.AreEqual(2, result.Matched);
        CollectionAssert.AreEqual(new[] { "123" }, result.UnmatchedIds.ToArray());
        Assert.AreEqual(350.2519, result.Records[0].Ra!.Value, 1e-12);
        Assert.AreEqual("a.jpeg", result.Records[0].Image);
        Assert.IsNull(result.Records[1].Ra);
        Assert.AreEqual("spiral", result.Records[2].ExpertES);
        Assert.AreEqual(-10.3738, result.Records[2].Dec!.Value, 1e-4);
    }

    [TestMethod]
    public async Task A_url_is_downloaded_once_into_the_cache_and_read()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{Sexagesimal}\n");
        await using var server = new LoopbackServer((_, _) => new Reply(200, body));
        using var dir = new ScratchFolder();
        var options = new Gz1TableOptions { CacheFolder = dir.File("cache") };
        var url = server.BaseUrl + "/data/GalaxyZoo1_DR_table2.csv";

        var first = await Gz1Table.ReadAsync(url, options);
        var second = Gz1Table.Read(url, options);

        Assert.AreEqual(1, server.CountFor("/data/GalaxyZoo1_DR_table2.csv"), "the second read uses the cache");
        Assert.AreEqual(first.Path, second.Path);
        StringAssert.EndsWith(first.Path, "-GalaxyZoo1_DR_table2.csv");
        Assert.AreEqual(Path.GetFullPath(dir.File("cache")), Path.GetDirectoryName(first.Path));
        Assert.AreEqual(1, second.Rows.Count);
        Assert.AreEqual(1, Directory.GetFiles(dir.File("cache")).Length, "no temporary file left");

        await Gz1Table.ReadAsync(url, options with { Refresh = true });
        Assert.AreEqual(2, server.CountFor("/data/GalaxyZoo1_DR_table2.csv"));
    }

    [TestMethod]
    public async Task A_failed_or_truncated_download_leaves_no_cache_file()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{Sexagesimal}\n");
        await using var server = new LoopbackServer((url, _) => url.AbsolutePath == "/missing.csv"
            ? new Reply(404, [])
            : new Reply(200, body[..50], DeclaredLength: body.Length));
        using var dir = new ScratchFolder();
        var options = new Gz1TableOptions { CacheFolder = dir.File("cache"), Retry = FastRetry };

        var missing = await Assert.ThrowsExactlyAsync<DownloadFailedException>(() => Gz1Table.ReadAsync(server.BaseUrl + "/missing.csv", options));
        StringAssert.Contains(missing.Message, "404");
        Assert.AreEqual(1, server.CountFor("/missing.csv"), "a 404 is final");
        var cut = await Assert.ThrowsExactlyAsync<DownloadFailedException>(() => Gz1Table.ReadAsync(server.BaseUrl + "/cut.csv", options));
        StringAssert.Contains(cut.Message, "ended prematurely");
        Assert.AreEqual(3, server.CountFor("/cut.csv"), "a cut transfer is retried");
        Assert.IsFalse(Directory.Exists(dir.File("cache")) && Directory.EnumerateFiles(dir.File("cache")).Any());
    }

    private static readonly HttpRetryPolicy FastRetry = new()
    {
        MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(40),
    };

    [TestMethod]
    public async Task A_503_is_retried_and_an_error_page_is_retried_and_never_cached()
    {
        var table = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{Sexagesimal}\n");
        var page = System.Text.Encoding.UTF8.GetBytes("<html><body>Service temporarily unavailable</body></html>");
        await using var server = new LoopbackServer((url, n) => url.AbsolutePath switch
        {
            "/busy.csv" => n == 1 ? new Reply(503, [], Headers: "Retry-After: 0") : new Reply(200, table),
            "/flaky.csv" => n == 1 ? new Reply(200, page) : new Reply(200, table),
            _ => new Reply(200, page),
        });
        using var dir = new ScratchFolder();
        var options = new Gz1TableOptions { CacheFolder = dir.File("cache"), Retry = FastRetry };

        Assert.HasCount(1, (await Gz1Table.ReadAsync(server.BaseUrl + "/busy.csv", options)).Rows);
        Assert.AreEqual(2, server.CountFor("/busy.csv"));
        Assert.HasCount(1, (await Gz1Table.ReadAsync(server.BaseUrl + "/flaky.csv", options)).Rows);
        Assert.AreEqual(2, server.CountFor("/flaky.csv"));

        var e = await Assert.ThrowsExactlyAsync<DownloadFailedException>(() => Gz1Table.ReadAsync(server.BaseUrl + "/page.csv", options));
        StringAssert.Contains(e.Message, "failed 3 times");
        StringAssert.Contains(e.Message, "<html>");
        Assert.IsFalse(File.Exists(RemoteFile.CachePath(new Uri(server.BaseUrl + "/page.csv"), dir.File("cache"))), "the error page is not cached");
        Assert.HasCount(2, Directory.GetFiles(dir.File("cache")), "only the two tables, no temporary files");
    }

    [TestMethod]
    public async Task An_unreadable_cached_copy_is_downloaded_again()
    {
        var table = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{Sexagesimal}\n");
        await using var server = new LoopbackServer((_, _) => new Reply(200, table));
        using var dir = new ScratchFolder();
        var options = new Gz1TableOptions { CacheFolder = dir.File("cache"), Retry = FastRetry };
        var url = server.BaseUrl + "/t.csv";
        var cached = RemoteFile.CachePath(new Uri(url), dir.File("cache"));
        Directory.CreateDirectory(dir.File("cache"));
        File.WriteAllText(cached, "<html>cached by an older version</html>");

        var read = await Gz1Table.ReadAsync(url, options);

        Assert.HasCount(1, read.Rows);
        Assert.AreEqual(1, server.CountFor("/t.csv"));
        Assert.AreEqual(table.Length, new FileInfo(cached).Length, "the cache now holds the table");
    }

    [TestMethod]
    public void A_missing_local_file_says_so()
    {
        var e = Assert.ThrowsExactly<FileNotFoundException>(() => Gz1Table.Read("/nonexistent/gz1.csv"));
        StringAssert.Contains(e.Message, "/nonexistent/gz1.csv");
    }
}
