using System.Net;

namespace CzSL.DataPrep.Download;

/// <summary>
/// When and how long to wait before asking a server again; one set of rules for every download (cutouts, the GZ1
/// table). Retryable: 5xx, 408, 429, timeouts, connection errors, truncated bodies and answers that are not what was
/// asked for (e.g. an HTML error page). The wait is the server's Retry-After when it sends one (capped at
/// <see cref="MaxRetryAfter"/>), else exponential backoff with jitter.
/// </summary>
public sealed record HttpRetryPolicy
{
    /// <summary>Attempts per download (the first try included).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Backoff before the second attempt; doubles per attempt up to <see cref="MaxBackoff"/>, times a random factor in [0.5, 1).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the exponential backoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest Retry-After (429/503) that is honoured as given; longer values are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True for statuses worth asking again: 408, 429 and 5xx.</summary>
    public static bool IsRetryable(HttpStatusCode status) => (int)status is 408 or 429 or >= 500;

    /// <summary>The wait the server asked for (Retry-After as a delay or a date), capped at <see cref="MaxRetryAfter"/>; null when it sent none.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } w) return null;
        if (w < TimeSpan.Zero) w = TimeSpan.Zero;
        return w > MaxRetryAfter ? MaxRetryAfter : w;
    }

    /// <summary>Exponential backoff with jitter after failed attempt <paramref name="attempt"/> (1-based): min(max, initial·2^(attempt−1)) × U[0.5, 1).</summary>
    public TimeSpan Backoff(int attempt)
    {
        var full = InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        full = Math.Min(full, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full * (0.5 + 0.5 * Random.Shared.NextDouble()));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1) throw new ArgumentException($"MaxAttempts must be at least 1, got {MaxAttempts}.", nameof(MaxAttempts));
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff) throw new ArgumentException("Need 0 ≤ InitialBackoff ≤ MaxBackoff.", nameof(InitialBackoff));
        if (MaxRetryAfter < TimeSpan.Zero) throw new ArgumentException("MaxRetryAfter must not be negative.", nameof(MaxRetryAfter));
    }
}
