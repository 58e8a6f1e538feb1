using System.Security.Cryptography;
using System.Text;

namespace CzSL.DataPrep.Download;

/// <summary>Downloads a file once into a cache folder, atomically (temporary file in the same folder, then a move).</summary>
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
    /// Returns the cached copy of <paramref name="uri"/>, downloading it first when absent (or when <paramref name="refresh"/>).
    /// A body shorter than its Content-Length is an error and leaves no file behind.
    /// </summary>
    /// <exception cref="HttpRequestException">The server answered with an error status or the body was incomplete.</exception>
    public static async Task<string> FetchAsync(HttpClient http, Uri uri, string cacheFolder, bool refresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = CachePath(uri, cacheFolder);
        if (!refresh && File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
                long written;
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    written = file.Length;
                }
                if (response.Content.Headers.ContentLength is { } expected && expected != written)
                    throw new HttpRequestException($"GET {uri} returned {written} bytes of the {expected} announced (incomplete download).");
            }
            File.Move(temp, path, overwrite: true);
            return path;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
