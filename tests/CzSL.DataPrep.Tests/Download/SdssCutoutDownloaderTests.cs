using System.Globalization;
using System.Net;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Download;

namespace CzSL.DataPrep.Tests.Download;

[TestClass]
public sealed class SdssCutoutDownloaderTests
{
    private const int Size = 32;

    private static GalaxyRecord Galaxy(string id, double ra = 150.5, double dec = 2.25) => new() { Id = id, Ra = ra, Dec = dec };

    private static SdssCutoutOptions Options(string folder, LoopbackServer server) => new()
    {
        OutputFolder = folder,
        UrlTemplate = server.BaseUrl + "/cutout/{id}?ra={ra}&dec={dec}&scale={scale}&width={width}&height={height}",
        Size = Size,
        MaxConcurrency = 4,
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(80),
        RequestTimeout = TimeSpan.FromSeconds(2),
    };

    private static string IdOf(Uri url) => url.AbsolutePath.Split('/')[^1];

    [TestMethod]
    public async Task Retries_failures_and_the_summary_match_what_the_server_did()
    {
        var good = TestImages.Galaxy(Size, 7);
        var truncatedJpeg = good[..(good.Length / 2)];
        await using var server = new LoopbackServer((url, n) => IdOf(url) switch
        {
            "ok" => Reply.Jpeg(TestImages.Galaxy(Size, 1)),
            "flaky" => n == 1 ? new Reply(500, "oops"u8.ToArray()) : Reply.Jpeg(good),
            "busy" => n == 1 ? new Reply(429, [], Headers: "Retry-After: 1") : Reply.Jpeg(good),
            "slow" => n == 1 ? Reply.Jpeg(good) with { Delay = TimeSpan.FromSeconds(8) } : Reply.Jpeg(good),
            "cut" => Reply.Jpeg(good[..100]) with { DeclaredLength = good.Length },
            "cutjpeg" => Reply.Jpeg(truncatedJpeg),
            "blank" => Reply.Jpeg(TestImages.Flat(Size)),
            "html" => new Reply(200, "<html>maintenance</html>"u8.ToArray(), Headers: "Content-Type: text/html"),
            "gone" => new Reply(404, []),
            "down" => new Reply(503, []),
            _ => new Reply(400, []),
        });
        using var folder = new ScratchFolder();
        var ids = new[] { "ok", "flaky", "busy", "slow", "cut", "cutjpeg", "blank", "html", "gone", "down" };
        var records = ids.Select(id => Galaxy(id)).Append(new GalaxyRecord { Id = "nopos" }).ToList();
        var reports = new List<DownloadProgress>();
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server));

        var summary = await downloader.DownloadAsync(records, new SyncProgress(reports.Add));

        Assert.AreEqual(11, summary.Total);
        Assert.AreEqual(4, summary.Downloaded, "ok, flaky, busy, slow");
        Assert.AreEqual(0, summary.AlreadyPresent);
        Assert.AreEqual(7, summary.Failed);
        var reasons = summary.Failures.ToDictionary(f => f.Id, f => f.Reason);
        Assert.AreEqual(DownloadFailureReason.Truncated, reasons["cut"]);
        Assert.AreEqual(DownloadFailureReason.Truncated, reasons["cutjpeg"]);
        Assert.AreEqual(DownloadFailureReason.Blank, reasons["blank"]);
        Assert.AreEqual(DownloadFailureReason.NotJpeg, reasons["html"]);
        Assert.AreEqual(DownloadFailureReason.HttpError, reasons["gone"]);
        Assert.AreEqual(DownloadFailureReason.ServerError, reasons["down"]);
        Assert.AreEqual(DownloadFailureReason.NoPosition, reasons["nopos"]);
        Assert.AreEqual(2, summary.FailuresByReason[DownloadFailureReason.Truncated]);

        // Retryable problems are tried MaxAttempts times, final ones once.
        foreach (var (id, expected) in new[] { ("ok", 1), ("flaky", 2), ("busy", 2), ("slow", 2), ("cut", 3), ("cutjpeg", 3), ("html", 3), ("down", 3), ("blank", 1), ("gone", 1) })
            Assert.AreEqual(expected, server.CountFor("/cutout/" + id), id);
        Assert.AreEqual(21, summary.Requests);
        Assert.AreEqual(11, summary.Retries);

        // Retry-After: 1 was honoured (the backoff alone is at most 80 ms).
        var busy = server.Requests.Where(r => IdOf(r.Url) == "busy").Select(r => r.At).Order().ToList();
        Assert.IsTrue(busy[1] - busy[0] >= TimeSpan.FromMilliseconds(950), $"waited {(busy[1] - busy[0]).TotalMilliseconds} ms");

        // Files: exactly the good ones, complete, no temporary files.
        var written = Directory.GetFiles(Path.Combine(folder.Path, "images")).Select(Path.GetFileName).Order().ToList();
        CollectionAssert.AreEqual(new[] { "busy.jpeg", "flaky.jpeg", "ok.jpeg", "slow.jpeg" }, written);
        CollectionAssert.AreEqual(good, File.ReadAllBytes(Path.Combine(folder.Path, "images", "flaky.jpeg")));
        Assert.AreEqual("images/ok.jpeg", summary.Records[0].Image);
        Assert.IsNull(summary.Records[4].Image);

        // The failure CSV lists every failed id with its reason.
        var lines = File.ReadAllLines(summary.FailuresCsv);
        Assert.AreEqual("id,reason,attempts,status,message", lines[0]);
        Assert.AreEqual(8, lines.Length);
        Assert.IsTrue(lines.Any(l => l.StartsWith("gone,HttpError,1,404,", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsTrue(lines.Any(l => l.StartsWith("down,ServerError,3,503,", StringComparison.Ordinal)));

        // Progress: one report per galaxy, ending complete, with a rate.
        Assert.AreEqual(11, reports.Count);
        Assert.AreEqual(11, reports.Max(r => r.Done));
        var last = reports.MaxBy(r => r.Done)!;
        Assert.AreEqual(4, last.Downloaded);
        Assert.AreEqual(7, last.Failed);
        Assert.IsTrue(last.ImagesPerSecond > 0);
        Assert.AreEqual(TimeSpan.Zero, last.Eta);
    }

    [TestMethod]
    public async Task Requests_in_flight_never_exceed_the_concurrency()
    {
        await using var server = new LoopbackServer((_, _) => Reply.Jpeg(TestImages.Galaxy(Size)) with { Delay = TimeSpan.FromMilliseconds(40) });
        using var folder = new ScratchFolder();
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server) with { MaxConcurrency = 3 });
        var summary = await downloader.DownloadAsync(Enumerable.Range(0, 24).Select(i => Galaxy($"c{i}")).ToList());
        Assert.AreEqual(24, summary.Downloaded);
        Assert.IsTrue(server.MaxInFlight <= 3, $"{server.MaxInFlight} at once");
        Assert.IsTrue(server.MaxInFlight >= 2, $"requests ran one by one ({server.MaxInFlight})");
    }

    [TestMethod]
    public async Task The_request_carries_position_scale_and_size()
    {
        await using var server = new LoopbackServer((_, _) => Reply.Jpeg(TestImages.Galaxy(Size)));
        using var folder = new ScratchFolder();
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server));
        await downloader.DownloadAsync([Galaxy("587727178986356823", 0.0017083, -10.3738056)]);
        var query = server.Requests.Single().Url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.AreEqual("0.0017083", query["ra"]);
        Assert.AreEqual("-10.3738056", query["dec"]);
        Assert.AreEqual(423 * 0.396 / Size, double.Parse(query["scale"], CultureInfo.InvariantCulture), 1e-6);
        Assert.AreEqual("32", query["width"]);
        Assert.AreEqual("32", query["height"]);
    }

    [TestMethod]
    public async Task Resume_keeps_verified_files_and_refetches_corrupt_ones()
    {
        var fresh = TestImages.Galaxy(Size, 3);
        await using var server = new LoopbackServer((_, _) => Reply.Jpeg(fresh));
        using var folder = new ScratchFolder();
        var images = Path.Combine(folder.Path, "images");
        Directory.CreateDirectory(images);
        var kept = TestImages.Galaxy(Size, 9);
        File.WriteAllBytes(Path.Combine(images, "good.jpeg"), kept);
        File.WriteAllBytes(Path.Combine(images, "half.jpeg"), kept[..(kept.Length / 2)]);
        File.WriteAllBytes(Path.Combine(images, "flat.jpeg"), TestImages.Flat(Size));
        File.WriteAllBytes(Path.Combine(images, ".good.jpeg.0123.tmp"), [1, 2, 3]);
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server));

        var summary = await downloader.DownloadAsync(new[] { "good", "half", "flat", "new" }.Select(id => Galaxy(id)).ToList());

        Assert.AreEqual(1, summary.AlreadyPresent);
        Assert.AreEqual(3, summary.Downloaded);
        Assert.AreEqual(2, summary.Replaced);
        Assert.AreEqual(0, summary.Failed);
        Assert.AreEqual(0, server.CountFor("/cutout/good"), "a verified file is not fetched again");
        CollectionAssert.AreEqual(kept, File.ReadAllBytes(Path.Combine(images, "good.jpeg")));
        foreach (var id in new[] { "half", "flat", "new" })
            CollectionAssert.AreEqual(fresh, File.ReadAllBytes(Path.Combine(images, id + ".jpeg")), id);
        Assert.IsFalse(Directory.EnumerateFiles(images, "*.tmp").Any(), "stale temporary files are cleaned");
        Assert.AreEqual(1, File.ReadAllLines(summary.FailuresCsv).Length, "header only");

        var again = await downloader.DownloadAsync(new[] { "good", "half", "new" }.Select(id => Galaxy(id)).ToList());
        Assert.AreEqual(3, again.AlreadyPresent);
        Assert.AreEqual(0, again.Requests);
    }

    [TestMethod]
    public async Task A_folder_reused_with_another_size_is_refused_and_nothing_is_deleted()
    {
        // Offline: every request fails. The old downloader deleted the 32 px images before finding no replacement.
        await using var server = new LoopbackServer((_, _) => new Reply(503, []));
        using var folder = new ScratchFolder();
        var images = Directory.CreateDirectory(Path.Combine(folder.Path, "images")).FullName;
        var ids = new[] { "a", "b", "c" };
        var before = ids.ToDictionary(id => id, id => TestImages.Galaxy(Size, id[0]));
        foreach (var (id, bytes) in before) File.WriteAllBytes(Path.Combine(images, id + ".jpeg"), bytes);
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server) with { Size = 2 * Size });

        var e = await Assert.ThrowsExactlyAsync<ImageFolderConflictException>(() => downloader.DownloadAsync(ids.Select(id => Galaxy(id)).ToList()));

        StringAssert.Contains(e.Message, $"are not {2 * Size}×{2 * Size}");
        StringAssert.Contains(e.Message, $"is {Size}×{Size}");
        StringAssert.Contains(e.Message, "--image-folder");
        Assert.IsEmpty(server.Requests, "nothing was fetched");
        foreach (var (id, bytes) in before) CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(images, id + ".jpeg")), id);
        Assert.IsFalse(File.Exists(Path.Combine(folder.Path, "download-failures.csv")));
    }

    [TestMethod]
    public async Task A_bad_image_stays_until_its_replacement_is_complete()
    {
        var good = TestImages.Galaxy(Size, 4);
        await using var server = new LoopbackServer((url, _) => IdOf(url) == "ok" ? Reply.Jpeg(good) : new Reply(200, good[..(good.Length / 2)]));
        using var folder = new ScratchFolder();
        var images = Directory.CreateDirectory(Path.Combine(folder.Path, "images")).FullName;
        var half = good[..(good.Length / 3)];
        File.WriteAllBytes(Path.Combine(images, "cut.jpeg"), half);
        File.WriteAllBytes(Path.Combine(images, "ok.jpeg"), half);
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server));

        var summary = await downloader.DownloadAsync([Galaxy("cut"), Galaxy("ok")]);

        Assert.AreEqual(1, summary.Failed, "the server only ever sends half of 'cut'");
        Assert.AreEqual(1, summary.Replaced);
        CollectionAssert.AreEqual(half, File.ReadAllBytes(Path.Combine(images, "cut.jpeg")), "no replacement arrived: the old file is still there");
        CollectionAssert.AreEqual(good, File.ReadAllBytes(Path.Combine(images, "ok.jpeg")), "replaced once a complete image arrived");
        Assert.IsNull(summary.Records.Single(r => r.Id == "cut").Image, "the failed galaxy gets no image path");
    }

    [TestMethod]
    public async Task Cancelling_stops_the_run_and_leaves_only_complete_files()
    {
        using var cts = new CancellationTokenSource();
        var served = 0;
        await using var server = new LoopbackServer((_, _) =>
        {
            if (Interlocked.Increment(ref served) == 5) cts.Cancel();
            return Reply.Jpeg(TestImages.Galaxy(Size)) with { Delay = TimeSpan.FromMilliseconds(30) };
        });
        using var folder = new ScratchFolder();
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server) with { MaxConcurrency = 2 });
        var records = Enumerable.Range(0, 40).Select(i => Galaxy($"g{i}")).ToList();

        await Assert.ThrowsAsync<OperationCanceledException>(() => downloader.DownloadAsync(records, cancellationToken: cts.Token));

        Assert.IsTrue(server.Requests.Count < 40, $"{server.Requests.Count} requests");
        foreach (var f in Directory.GetFiles(Path.Combine(folder.Path, "images")))
            Assert.IsTrue(CutoutCheck.CheckFile(f, Size, Size).Ok, $"{Path.GetFileName(f)} is incomplete");
    }

    [TestMethod]
    public async Task Cancellation_surfaces_as_task_canceled()
    {
        await using var server = new LoopbackServer((_, _) => Reply.Jpeg(TestImages.Galaxy(Size)) with { Delay = TimeSpan.FromSeconds(5) });
        using var folder = new ScratchFolder();
        using var downloader = new SdssCutoutDownloader(Options(folder.Path, server) with { RequestTimeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var thrown = await Assert.ThrowsAsync<OperationCanceledException>(() => downloader.DownloadAsync([Galaxy("x")], cancellationToken: cts.Token));
        Assert.IsTrue(cts.IsCancellationRequested, thrown.Message);
    }

    [TestMethod]
    public async Task Bad_options_and_ids_are_refused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new SdssCutoutDownloader(new SdssCutoutOptions { OutputFolder = "x", UrlTemplate = "http://h/?ra={ra}" }));
        Assert.ThrowsExactly<ArgumentException>(() => new SdssCutoutDownloader(new SdssCutoutOptions { OutputFolder = "x", UrlTemplate = "http://h/?ra={ra}&dec={dec}&z={zoom}" }));
        Assert.ThrowsExactly<ArgumentException>(() => new SdssCutoutDownloader(new SdssCutoutOptions { OutputFolder = "x", MaxConcurrency = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => new SdssCutoutDownloader(new SdssCutoutOptions { OutputFolder = "x", ImageNamePattern = "a.jpeg" }));
        using var folder = new ScratchFolder();
        using var downloader = new SdssCutoutDownloader(new SdssCutoutOptions { OutputFolder = folder.Path });
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => downloader.DownloadAsync([Galaxy("../evil")]));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => downloader.DownloadAsync([Galaxy("a"), Galaxy("a")]));
    }

    [TestMethod]
    public void The_default_url_is_the_skyserver_dr16_cutout_service_at_native_scale()
    {
        var o = new SdssCutoutOptions { OutputFolder = "x" };
        Assert.AreEqual(0.396, o.EffectiveScale, 1e-12);
        var url = CutoutUrl.Format(o.UrlTemplate, "1", 180.25, -1.5, o.EffectiveScale, o.Size, o.Size);
        Assert.AreEqual("https://skyserver.sdss.org/dr16/SkyServerWS/ImgCutout/getjpeg?ra=180.25&dec=-1.5&scale=0.396&width=423&height=423", url.AbsoluteUri);
        Assert.AreEqual(167.508 / 64, (o with { Size = 64 }).EffectiveScale, 1e-12);
    }

    /// <summary>IProgress that runs the callback inline (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        private readonly object _gate = new();

        public void Report(DownloadProgress value)
        {
            lock (_gate) report(value);
        }
    }
}
