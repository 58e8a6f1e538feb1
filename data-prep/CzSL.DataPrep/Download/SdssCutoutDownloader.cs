using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Download;

/// <summary>
/// Downloads colour JPEG cutouts (by default from SDSS SkyServer) for records with RA/Dec, resumably and politely.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Resume: an image already on disk is decoded and checked (<see cref="CutoutCheck"/>: JPEG, complete, expected size,
/// not blank); a good one is kept, a bad one is fetched again and replaced only once the new one has passed the
/// check. No image is ever deleted: a failed download leaves what was there.</item>
/// <item>A folder holding images of another size (a run with another <see cref="SdssCutoutOptions.Size"/>) is refused
/// before anything is fetched (<see cref="ImageFolderConflictException"/>): download into another image folder.</item>
/// <item>Writes are atomic (temporary file in the image folder, then a move): a killed run leaves whole images or
/// none. Only bytes that passed the check are written. Leftover temporary files (<c>.*.tmp</c>) in the image folder
/// are removed at the start, so two runs must not share an image folder at once (<c>czsl data images</c> locks it,
/// <see cref="OutputFolderLock"/>).</item>
/// <item>Retries (<see cref="HttpRetryPolicy"/>), up to <see cref="SdssCutoutOptions.MaxAttempts"/> attempts: 5xx, 408,
/// 429, timeouts, connection errors, truncated bodies and non-JPEG answers. Other 4xx, blank and wrong-size images
/// are final.</item>
/// <item>At most <see cref="SdssCutoutOptions.MaxConcurrency"/> requests in flight.</item>
/// </list>
/// </remarks>
public sealed class SdssCutoutDownloader : IDisposable
{
    private readonly SdssCutoutOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a downloader; without <paramref name="http"/> it makes (and disposes) its own client.</summary>
    /// <exception cref="ArgumentException">An invalid option.</exception>
    public SdssCutoutDownloader(SdssCutoutOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? CreateHttpClient(options.MaxConcurrency);
    }

    /// <summary>A client suited to the downloader: connection pool sized to the concurrency, no client-wide timeout.</summary>
    public static HttpClient CreateHttpClient(int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("CzSL.MLNet-cutout-downloader");
        return http;
    }

    /// <summary>Full path of the image file of <paramref name="id"/>.</summary>
    public string ImagePath(string id) => Path.Combine(Path.GetFullPath(_options.OutputFolder), RelativeImagePath(id));

    /// <summary>
    /// Fetches the images of <paramref name="records"/> (ids must be usable as file names), then writes the failure list.
    /// </summary>
    /// <exception cref="ArgumentException">An id is empty, repeated or not a valid file name.</exception>
    /// <exception cref="ImageFolderConflictException">The image folder holds images of another size; nothing was changed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (images written so far stay valid).</exception>
    public async Task<DownloadSummary> DownloadAsync(
        IReadOnlyList<GalaxyRecord> records, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        CheckIds(records);
        var imageDir = Path.GetDirectoryName(ImagePath("x"))!;
        Directory.CreateDirectory(imageDir);
        CheckSizes(records, imageDir);
        foreach (var stale in Directory.EnumerateFiles(imageDir, ".*.tmp")) File.Delete(stale);

        var clock = Stopwatch.StartNew();
        var outcomes = new Outcome[records.Count];
        var tally = new Tally(records.Count, clock, progress);
        await Parallel.ForEachAsync(Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcome = await ProcessAsync(records[i], ct).ConfigureAwait(false);
                outcomes[i] = outcome;
                tally.Add(outcome, records[i].Id);
            }).ConfigureAwait(false);

        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();
        var failuresCsv = Path.GetFullPath(_options.FailuresCsv ?? Path.Combine(_options.OutputFolder, "download-failures.csv"));
        WriteFailures(failuresCsv, failures);
        var updated = records.Select((r, i) => outcomes[i].Failure is null ? r with { Image = RelativeImagePath(r.Id).Replace('\\', '/') } : r).ToList();
        return new DownloadSummary(
            records.Count,
            outcomes.Count(o => o.Kind is OutcomeKind.Downloaded or OutcomeKind.Replaced),
            outcomes.Count(o => o.Kind == OutcomeKind.Present),
            outcomes.Count(o => o.Kind == OutcomeKind.Replaced),
            failures,
            failures.GroupBy(f => f.Reason).ToDictionary(g => g.Key, g => g.Count()),
            failuresCsv,
            outcomes.Sum(o => o.Requests),
            outcomes.Sum(o => Math.Max(0, o.Requests - 1)),
            clock.Elapsed,
            updated);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private enum OutcomeKind { Present, Downloaded, Replaced, Failed }

    private readonly record struct Outcome(OutcomeKind Kind, int Requests, DownloadFailure? Failure);

    private string RelativeImagePath(string id) =>
        Path.Combine(_options.ImageFolder, _options.ImageNamePattern.Replace("{id}", id, StringComparison.Ordinal));

    // Images already there that decode to another size: the folder belongs to a run with another --size. Refused
    // before anything is fetched, so no good image of that run is replaced.
    private void CheckSizes(IReadOnlyList<GalaxyRecord> records, string imageDir)
    {
        var conflicts = new List<(string Path, int Width, int Height)>();
        foreach (var r in records)
        {
            var path = ImagePath(r.Id);
            if (CutoutCheck.ImageSize(path) is { } size && (size.Width != _options.Size || size.Height != _options.Size))
                conflicts.Add((path, size.Width, size.Height));
        }
        if (conflicts.Count == 0) return;
        var (example, w, h) = conflicts[0];
        throw new ImageFolderConflictException(imageDir,
            $"{conflicts.Count:N0} images in '{imageDir}' are not {_options.Size}×{_options.Size} (e.g. '{example}' is {w}×{h}): the folder holds a " +
            $"download of another size; nothing was changed. Download into another image folder (e.g. --image-folder images-{_options.Size}) or ask for --size {w}.");
    }

    private async Task<Outcome> ProcessAsync(GalaxyRecord record, CancellationToken ct)
    {
        var path = ImagePath(record.Id);
        var replacing = false;
        if (File.Exists(path))
        {
            // A bad file stays until a good replacement is written over it (atomically, below).
            var verdict = CutoutCheck.CheckFile(path, _options.Size, _options.Size, _options.BlankStdDev);
            if (verdict.Ok) return new Outcome(OutcomeKind.Present, 0, null);
            replacing = true;
        }
        if (record.Ra is not { } ra || record.Dec is not { } dec)
            return Fail(record.Id, DownloadFailureReason.NoPosition, 0, null, "the record has no RA/Dec");

        var url = CutoutUrl.Format(_options.UrlTemplate, record.Id, ra, dec, _options.EffectiveScale, _options.Size, _options.Size);
        DownloadFailure? last = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var (data, failure, retryable, retryAfter) = await AttemptAsync(record.Id, url, attempt, ct).ConfigureAwait(false);
            if (data is not null)
            {
                AtomicFile.Write(path, s => s.Write(data));
                return new Outcome(replacing ? OutcomeKind.Replaced : OutcomeKind.Downloaded, attempt, null);
            }
            last = failure!;
            if (!retryable || attempt == _options.MaxAttempts) break;
            await Task.Delay(retryAfter ?? _options.Retry.Backoff(attempt), ct).ConfigureAwait(false);
        }
        return new Outcome(OutcomeKind.Failed, last!.Attempts, last);
    }

    private static Outcome Fail(string id, DownloadFailureReason reason, int attempts, HttpStatusCode? status, string message) =>
        new(OutcomeKind.Failed, attempts, new DownloadFailure(id, reason, attempts, status, message));

    // One request: the verified bytes, or a failure with whether to retry and the server's requested wait.
    private async Task<(byte[]? Data, DownloadFailure? Failure, bool Retryable, TimeSpan? RetryAfter)> AttemptAsync(
        string id, Uri url, int attempt, CancellationToken ct)
    {
        DownloadFailure Failure(DownloadFailureReason reason, HttpStatusCode? status, string message) => new(id, reason, attempt, status, message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpStatusCode? status = null;
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            var code = (int)response.StatusCode;
            if (HttpRetryPolicy.IsRetryable(response.StatusCode))
            {
                var reason = code == 429 ? DownloadFailureReason.RateLimited : DownloadFailureReason.ServerError;
                return (null, Failure(reason, status, $"HTTP {code} {response.ReasonPhrase} from {url.Host}"), true, _options.Retry.RetryAfter(response));
            }
            if (!response.IsSuccessStatusCode)
                return (null, Failure(DownloadFailureReason.HttpError, status, $"HTTP {code} {response.ReasonPhrase} from {url}"), false, null);
            var data = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } announced && announced != data.Length)
                return (null, Failure(DownloadFailureReason.Truncated, status, $"received {data.Length} of {announced} bytes"), true, null);
            var verdict = CutoutCheck.Check(data, _options.Size, _options.Size, _options.BlankStdDev);
            return verdict.Problem switch
            {
                CutoutProblem.None => (data, null, false, null),
                CutoutProblem.Truncated => (null, Failure(DownloadFailureReason.Truncated, status, verdict.Message), true, null),
                CutoutProblem.NotJpeg => (null, Failure(DownloadFailureReason.NotJpeg, status, verdict.Message), true, null),
                CutoutProblem.Blank => (null, Failure(DownloadFailureReason.Blank, status, verdict.Message), false, null),
                _ => (null, Failure(DownloadFailureReason.WrongSize, status, verdict.Message), false, null),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, Failure(DownloadFailureReason.Timeout, status, $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###} s"), true, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // A body shorter than its Content-Length surfaces as HttpIOException(ResponseEnded), possibly wrapped.
            for (var inner = e; inner is not null; inner = inner.InnerException)
                if (inner is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
                    return (null, Failure(DownloadFailureReason.Truncated, status, $"the connection closed before the body was complete: {inner.Message}"), true, null);
            return (null, Failure(DownloadFailureReason.Network, status, e.Message), true, null);
        }
    }

    private void CheckIds(IReadOnlyList<GalaxyRecord> records)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var invalid = Path.GetInvalidFileNameChars();
        foreach (var r in records)
        {
            if (string.IsNullOrWhiteSpace(r.Id) || r.Id.IndexOfAny(invalid) >= 0 || r.Id is "." or ".." || r.Id.Contains('\\'))
                throw new ArgumentException($"Galaxy id '{r.Id}' cannot be used in an image file name.", nameof(records));
            if (!seen.Add(r.Id)) throw new ArgumentException($"Galaxy id '{r.Id}' appears twice.", nameof(records));
        }
    }

    private static void WriteFailures(string path, IReadOnlyList<DownloadFailure> failures)
    {
        var sb = new StringBuilder("id,reason,attempts,status,message\n");
        foreach (var f in failures)
        {
            sb.Append(Quote(f.Id)).Append(',').Append(f.Reason).Append(',')
              .Append(f.Attempts.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(f.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "").Append(',')
              .Append(Quote(f.Message)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    // Thread-safe counters and progress.
    private sealed class Tally(int total, Stopwatch clock, IProgress<DownloadProgress>? progress)
    {
        private readonly object _gate = new();
        private int _done, _downloaded, _present, _failed;

        public void Add(Outcome outcome, string id)
        {
            DownloadProgress report;
            lock (_gate)
            {
                _done++;
                switch (outcome.Kind)
                {
                    case OutcomeKind.Present: _present++; break;
                    case OutcomeKind.Failed: _failed++; break;
                    default: _downloaded++; break;
                }
                var fetched = _downloaded + _failed;
                var seconds = clock.Elapsed.TotalSeconds;
                var rate = seconds > 0 ? fetched / seconds : 0;
                TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((total - _done) / rate) : null;
                report = new DownloadProgress(_done, total, _downloaded, _present, _failed, rate, eta, id);
            }
            progress?.Report(report);
        }
    }
}

/// <summary>An image folder that holds a download of another image size: nothing was fetched or changed.</summary>
public sealed class ImageFolderConflictException(string folder, string message) : IOException(message)
{
    /// <summary>The image folder.</summary>
    public string Folder { get; } = folder;
}
