using CzSL.DataPrep.Download;

namespace CzSL.DataPrep.Gz1;

/// <summary>How <see cref="Gz1Table"/> reads its source.</summary>
public sealed record Gz1TableOptions
{
    /// <summary>
    /// Where an http(s) source is downloaded to before it is read (created when missing). Default:
    /// <c>&lt;local application data&gt;/czsl/cache</c> (on Linux <c>~/.local/share/czsl/cache</c>).
    /// </summary>
    public string CacheFolder { get; init; } = DefaultCacheFolder;

    /// <summary>Download an http(s) source again even when the cache already holds it.</summary>
    public bool Refresh { get; init; }

    /// <summary>Retry rules for an http(s) source (the same defaults as the cutout downloader's).</summary>
    public HttpRetryPolicy Retry { get; init; } = new();

    /// <summary>Client for http(s) sources; null creates one for the call.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>The default <see cref="CacheFolder"/>.</summary>
    public static string DefaultCacheFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "czsl", "cache");
}
