namespace CzSL.DataPrep.Download;

/// <summary>
/// Settings of <see cref="SdssCutoutDownloader"/>. Defaults fetch 423×423 colour (gri) JPEGs, the Galaxy Zoo 1 image
/// size, from the SDSS SkyServer DR16 ImgCutout service.
/// </summary>
/// <remarks>
/// <para>Field of view: Galaxy Zoo 1 scaled each cutout to its galaxy (0.024 × petroR90_r arcsec/pixel), which needs
/// the SDSS photometry. Without it we use one field for all galaxies: <see cref="FieldOfViewArcsec"/> = 423 native
/// SDSS pixels × 0.396″ = 167.5″, so at the default size the scale is the native 0.396″/pixel and a smaller
/// <see cref="Size"/> (e.g. the paper's 64) covers the same sky at a coarser scale (167.5″ / 64 = 2.62″/pixel).
/// Set <see cref="Scale"/> to fix the arcsec/pixel directly instead.</para>
/// </remarks>
public sealed record SdssCutoutOptions
{
    /// <summary>The SkyServer DR16 colour-cutout endpoint.</summary>
    public const string SkyServerDr16Template =
        "https://skyserver.sdss.org/dr16/SkyServerWS/ImgCutout/getjpeg?ra={ra}&dec={dec}&scale={scale}&width={width}&height={height}";

    /// <summary>SDSS imaging's native pixel scale, arcsec/pixel.</summary>
    public const double SdssPixelArcsec = 0.396;

    /// <summary>
    /// Dataset folder: images go to <see cref="ImageFolder"/> under it and the failure list to
    /// <c>download-failures.csv</c> in it (unless <see cref="FailuresCsv"/> says otherwise). Required.
    /// </summary>
    public required string OutputFolder { get; init; }

    /// <summary>Image subfolder, relative to <see cref="OutputFolder"/> (manifest image paths are relative to the dataset folder).</summary>
    public string ImageFolder { get; init; } = "images";

    /// <summary>File name of a galaxy's image; <c>{id}</c> is the record id.</summary>
    public string ImageNamePattern { get; init; } = "{id}.jpeg";

    /// <summary>
    /// Request URL; placeholders <c>{ra}</c>, <c>{dec}</c> (degrees), <c>{scale}</c> (arcsec/pixel), <c>{width}</c>,
    /// <c>{height}</c> (pixels) and <c>{id}</c>. Other releases with the same interface work by changing the path
    /// (e.g. dr17).
    /// </summary>
    public string UrlTemplate { get; init; } = SkyServerDr16Template;

    /// <summary>Width and height of the cutout in pixels.</summary>
    public int Size { get; init; } = 423;

    /// <summary>Field of view (side) in arcsec, used when <see cref="Scale"/> is null. Default 423 × 0.396″.</summary>
    public double FieldOfViewArcsec { get; init; } = 423 * SdssPixelArcsec;

    /// <summary>Arcsec per pixel; null means <see cref="FieldOfViewArcsec"/> / <see cref="Size"/>.</summary>
    public double? Scale { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Attempts per image (the first try included) on retryable failures.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Backoff before the second attempt; doubles per attempt up to <see cref="MaxBackoff"/>, times a random factor in [0.5, 1).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the exponential backoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest Retry-After (429/503) that is honoured as given; longer values are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed for one request, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Luma standard deviation (grey levels) below which an image counts as blank.</summary>
    public double BlankStdDev { get; init; } = CutoutCheck.DefaultBlankStdDev;

    /// <summary>Where the failed ids are listed; null means <c>download-failures.csv</c> in <see cref="OutputFolder"/>.</summary>
    public string? FailuresCsv { get; init; }

    /// <summary>The retry rules these settings give (<see cref="HttpRetryPolicy"/>, shared with the other downloads).</summary>
    public HttpRetryPolicy Retry => new()
    {
        MaxAttempts = MaxAttempts, InitialBackoff = InitialBackoff, MaxBackoff = MaxBackoff, MaxRetryAfter = MaxRetryAfter,
    };

    /// <summary>The arcsec/pixel actually requested.</summary>
    public double EffectiveScale => Scale ?? FieldOfViewArcsec / Size;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputFolder);
        if (Size is < 8 or > 2048) throw new ArgumentException($"Size must be in [8, 2048] pixels, got {Size}.", nameof(Size));
        if (!(EffectiveScale > 0) || !double.IsFinite(EffectiveScale)) throw new ArgumentException($"The scale must be positive, got {EffectiveScale}.", nameof(Scale));
        if (MaxConcurrency < 1) throw new ArgumentException($"MaxConcurrency must be at least 1, got {MaxConcurrency}.", nameof(MaxConcurrency));
        Retry.Validate();
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        if (!ImageNamePattern.Contains("{id}", StringComparison.Ordinal))
            throw new ArgumentException($"ImageNamePattern must contain {{id}}, got '{ImageNamePattern}'.", nameof(ImageNamePattern));
        CutoutUrl.Validate(UrlTemplate);
    }
}
