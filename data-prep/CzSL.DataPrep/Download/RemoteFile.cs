using System.Security.Cryptography;
using System.Text;
using CzSL.Data;

namespace CzSL.DataPrep.Download;

/// <summary>
/// Downloads a file once into a cache folder: with retries (<see cref="HttpRetryPolicy"/>), checked by the caller's
/// reader before it is kept, and atomically (temporary file in the same folder, then a move). What lands in the cache
/// has been read successfully, so an error page or a cut transfer is never cached.
/// </summary>
public static class RemoteFile
{
    /// <summary>
    /// The cache path of <paramref name="uri"/>: its last path segment (characters outside [A-Za-z0-9._-] replaced by '_')
    /// prefixed with the first 12 hex digits of the URL's SHA-256, so different URLs never share a file.
    /// </summary>
    public static string CachePath(Uri uri, string cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        var name = Path.GetFileName(uri.AbsolutePath);
        if (string.IsNullOrEmpty(name)) name = "download";
        var safe = new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '_').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri.AbsoluteUri)))[..12];
        return Path.Combine(Path.GetFullPath(cacheFolder), $"{hash}-{safe}");
    }

    /// <summary>
    /// Returns the cached copy of <paramref name="uri"/> read by <paramref name="read"/>; downloads it when absent, when
    /// <paramref name="refresh"/>, or when the cached copy cannot be read (it is replaced only by a download that can).
    /// </summary>
    /// <param name="http">The client.</param>
    /// <param name="uri">What to download.</param>
    /// <param name="cacheFolder">Where the copy is kept.</param>
    /// <param name="refresh">Download even when a readable copy is cached.</param>
    /// <param name="retry">When to ask again: retryable statuses, transport errors, bodies shorter than their
    /// Content-Length, and bodies <paramref name="read"/> rejects (e.g. an HTML error page).</param>
    /// <param name="read">Reads a downloaded file; a <see cref="FormatException"/> or <see cref="InvalidDataException"/> marks it as not the file asked for.</param>
    /// <param name="cancellationToken">Cancels waits and transfers.</param>
    /// <returns>The cache path and what <paramref name="read"/> returned.</returns>
    /// <exception cref="DownloadFailedException">A final error status, or every attempt failed; the cache is unchanged.</exception>
    public static async Task<(string Path, T Value)> FetchAsync<T>(HttpClient http, Uri uri, string cacheFolder, bool refresh,
        HttpRetryPolicy retry, Func<string, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(read);
        retry.Validate();
        var path = CachePath(uri, cacheFolder);
        if (!refresh && File.Exists(path))
        {
            try
            {
                return (path, read(path));
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                // An unreadable cached copy (e.g. cached by an older version): downloaded again below.
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string? last = null;
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            var temp = AtomicFile.TemporaryPath(path);
            TimeSpan? wait = null;
            try
            {
                string? problem;
                using (var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    if (!response.IsSuccessStatusCode && !HttpRetryPolicy.IsRetryable(response.StatusCode))
                        throw new DownloadFailedException(uri, $"GET {uri} answered {status}.", response.StatusCode);
                    if (response.IsSuccessStatusCode)
                    {
                        problem = await SaveBody(response, temp, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        problem = $"answered {status}";
                        wait = retry.RetryAfter(response);
                    }
                }
                if (problem is null)
                {
                    var value = read(temp);
                    File.Move(temp, path, overwrite: true);
                    return (path, value);
                }
                last = problem;
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                last = $"sent a file that is not the one asked for ({Preview(temp)}): {e.Message.Replace(temp, uri.ToString(), StringComparison.Ordinal)}";
            }
            catch (Exception e) when (e is HttpRequestException or IOException && e is not DownloadFailedException)
            {
                last = $"transfer failed: {e.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }
            finally
            {
                File.Delete(temp);
            }
            if (attempt < retry.MaxAttempts) await Task.Delay(wait ?? retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
        throw new DownloadFailedException(uri, $"GET {uri} failed {retry.MaxAttempts} times; the last attempt {last}.");
    }

    // Writes the body to temp; returns why it is incomplete, or null.
    private static async Task<string?> SaveBody(HttpResponseMessage response, string temp, CancellationToken cancellationToken)
    {
        long written;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            written = file.Length;
        }
        if (response.Content.Headers.ContentLength is { } expected && expected != written)
        {
            File.Delete(temp);
            return $"returned {written} bytes of the {expected} announced (incomplete download)";
        }
        return null;
    }

    private static string Preview(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[48];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return "starting '" + new string(buffer.Take(n).Select(b => b is >= 32 and < 127 ? (char)b : '.').ToArray()) + "'";
        }
        catch (IOException)
        {
            return "unreadable";
        }
    }
}

/// <summary>A download that failed for good: a final error status, or every attempt failed. The cache is unchanged.</summary>
public sealed class DownloadFailedException(Uri uri, string message, System.Net.HttpStatusCode? status = null)
    : HttpRequestException(message, null, status)
{
    /// <summary>What was asked for.</summary>
    public Uri Uri { get; } = uri;
}
