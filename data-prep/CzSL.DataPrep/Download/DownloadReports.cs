using System.Net;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Download;

/// <summary>Why an image could not be obtained.</summary>
public enum DownloadFailureReason
{
    /// <summary>The record has no RA/Dec.</summary>
    NoPosition,
    /// <summary>A client error status (4xx other than 408/429): not retried.</summary>
    HttpError,
    /// <summary>5xx (or 408) on every attempt.</summary>
    ServerError,
    /// <summary>429 Too Many Requests on the last attempt.</summary>
    RateLimited,
    /// <summary>The request timed out on the last attempt.</summary>
    Timeout,
    /// <summary>A connection error on the last attempt.</summary>
    Network,
    /// <summary>The body or the JPEG ended early on the last attempt.</summary>
    Truncated,
    /// <summary>The answer was not a decodable JPEG on the last attempt.</summary>
    NotJpeg,
    /// <summary>The image was blank (not retried: the same position gives the same image).</summary>
    Blank,
    /// <summary>The image had another size than requested (not retried).</summary>
    WrongSize,
}

/// <summary>One galaxy whose image could not be obtained.</summary>
/// <param name="Id">Record id.</param>
/// <param name="Reason">The reason of the last attempt.</param>
/// <param name="Attempts">Requests made.</param>
/// <param name="Status">HTTP status of the last answer, when there was one.</param>
/// <param name="Message">What happened, readable.</param>
public sealed record DownloadFailure(string Id, DownloadFailureReason Reason, int Attempts, HttpStatusCode? Status, string Message);

/// <summary>Progress of a download run, reported after each galaxy.</summary>
/// <param name="Done">Galaxies finished (downloaded, already present or failed).</param>
/// <param name="Total">Galaxies in the run.</param>
/// <param name="Downloaded">Images fetched and written in this run.</param>
/// <param name="AlreadyPresent">Images found on disk and verified.</param>
/// <param name="Failed">Galaxies given up on.</param>
/// <param name="ImagesPerSecond">Galaxies fetched or given up on per second of this run (verified files excluded).</param>
/// <param name="Eta">Estimated time to finish at that rate; null until a rate is known.</param>
/// <param name="LastId">The galaxy just finished.</param>
public sealed record DownloadProgress(int Done, int Total, int Downloaded, int AlreadyPresent, int Failed, double ImagesPerSecond, TimeSpan? Eta, string LastId);

/// <summary>The outcome of <see cref="SdssCutoutDownloader.DownloadAsync"/>.</summary>
/// <param name="Total">Galaxies asked for.</param>
/// <param name="Downloaded">Images fetched and written in this run (includes <paramref name="Replaced"/>).</param>
/// <param name="AlreadyPresent">Images already on disk that passed verification (not fetched again).</param>
/// <param name="Replaced">Images on disk that failed verification (corrupt, blank, wrong size) and were fetched again successfully.</param>
/// <param name="Failures">Galaxies without a usable image, in input order.</param>
/// <param name="FailuresByReason">Failure counts per reason (reasons with no failures are absent).</param>
/// <param name="FailuresCsv">The CSV listing <paramref name="Failures"/> (written even when empty, so it never describes an older run).</param>
/// <param name="Requests">HTTP requests made.</param>
/// <param name="Retries">Requests that were retries of an earlier attempt.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Records">The input records in order; those with a usable image have <see cref="GalaxyRecord.Image"/> set (relative to the output folder).</param>
public sealed record DownloadSummary(
    int Total, int Downloaded, int AlreadyPresent, int Replaced,
    IReadOnlyList<DownloadFailure> Failures, IReadOnlyDictionary<DownloadFailureReason, int> FailuresByReason, string FailuresCsv,
    int Requests, int Retries, TimeSpan Elapsed, IReadOnlyList<GalaxyRecord> Records)
{
    /// <summary>Galaxies without a usable image.</summary>
    public int Failed => Failures.Count;
}
