namespace CzSL.Data;

/// <summary>
/// A small deterministic pseudo-random generator for splits, resampling and simulation: the same seed gives the same
/// sequence on every platform and .NET version (unlike <see cref="System.Random"/>, whose algorithm is unspecified).
/// </summary>
/// <remarks>
/// Algorithm: xoshiro256** (Blackman &amp; Vigna 2018). The 256-bit state is filled from the 64-bit seed with
/// SplitMix64, as its authors recommend. <see cref="NextInt(int)"/> uses Lemire's multiply-shift with rejection
/// (unbiased); <see cref="NextDouble"/> takes the top 53 bits. Not thread-safe: give each thread its own instance
/// (e.g. <see cref="Derive(ulong, ulong)"/> with the thread's index as stream).
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>
    /// A generator for an independent stream <paramref name="stream"/> of <paramref name="seed"/> (e.g. one per fold or
    /// execution): the pair is hashed with SplitMix64, so neighbouring seeds and streams give unrelated sequences.
    /// </summary>
    public static SeededRandom Derive(ulong seed, ulong stream)
    {
        var sm = seed ^ 0x6A09E667F3BCC909UL;
        var a = SplitMix64(ref sm);
        sm = a ^ stream;
        return new SeededRandom(SplitMix64(ref sm));
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        // Lemire: multiply a 32-bit draw by the range, reject the biased low part.
        var m = (NextUInt64() >> 32) * range;
        var low = m & 0xFFFFFFFFUL;
        if (low < range)
        {
            var threshold = (0x1_0000_0000UL - range) % range;
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * range;
                low = m & 0xFFFFFFFFUL;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"maxExclusive ({maxExclusive}) must exceed minInclusive ({minInclusive}).");
        return minInclusive + NextInt(maxExclusive - minInclusive);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        return u * f;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the end).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..<paramref name="n"/>−1.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (var i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
