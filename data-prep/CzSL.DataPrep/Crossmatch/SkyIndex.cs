namespace CzSL.DataPrep.Crossmatch;

/// <summary>
/// A static spatial index of sky positions for cone searches: declination zones of fixed height, each holding its
/// positions sorted by RA. A query visits the zones overlapping [dec − r, dec + r] and, in each, the RA window
/// ±Δα with sin Δα = sin r / cos dec (split in two where it crosses 0°/360°; the whole zone when the cone reaches a
/// pole), then keeps the candidates whose true angular distance (<see cref="Separation"/>) is within r.
/// </summary>
public sealed class SkyIndex
{
    private readonly double _zoneHeight;
    private readonly Zone?[] _zones;

    /// <summary>Indexes <paramref name="positions"/> (RA, Dec in degrees); queries return indices into this list.</summary>
    /// <param name="positions">The positions.</param>
    /// <param name="zoneHeightDeg">Zone height in degrees; about the search radius or larger (default 1 arcmin).</param>
    public SkyIndex(IReadOnlyList<(double Ra, double Dec)> positions, double zoneHeightDeg = 1.0 / 60)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (!(zoneHeightDeg > 0) || zoneHeightDeg > 180) throw new ArgumentOutOfRangeException(nameof(zoneHeightDeg), "The zone height must be in (0, 180] degrees.");
        _zoneHeight = zoneHeightDeg;
        _zones = new Zone?[(int)Math.Ceiling(180 / zoneHeightDeg)];
        var members = new List<int>?[_zones.Length];
        for (var i = 0; i < positions.Count; i++)
        {
            var (ra, dec) = positions[i];
            if (!double.IsFinite(ra) || !double.IsFinite(dec) || dec < -90 || dec > 90)
                throw new ArgumentException($"Position {i} ({ra}, {dec}) is not a valid RA/Dec in degrees.", nameof(positions));
            (members[ZoneOf(dec)] ??= []).Add(i);
        }
        for (var z = 0; z < members.Length; z++)
        {
            if (members[z] is not { } list) continue;
            var ras = list.Select(i => NormalizeRa(positions[i].Ra)).ToArray();
            var ids = list.ToArray();
            Array.Sort(ras, ids);
            _zones[z] = new Zone(ras, ids, ids.Select(i => positions[i].Dec).ToArray());
        }
    }

    /// <summary>Number of positions indexed.</summary>
    public int Count => _zones.Sum(z => z?.Ids.Length ?? 0);

    /// <summary>Great-circle distance in arcsec between two positions in degrees (haversine; accurate at all scales).</summary>
    public static double Separation(double ra1, double dec1, double ra2, double dec2)
    {
        const double rad = Math.PI / 180;
        var sdDec = Math.Sin((dec2 - dec1) * rad / 2);
        var sdRa = Math.Sin((ra2 - ra1) * rad / 2);
        var h = sdDec * sdDec + Math.Cos(dec1 * rad) * Math.Cos(dec2 * rad) * sdRa * sdRa;
        return 2 * Math.Asin(Math.Sqrt(Math.Clamp(h, 0, 1))) / rad * 3600;
    }

    /// <summary>Indices and separations (arcsec) of the positions within <paramref name="radiusArcsec"/> of (ra, dec), nearest first.</summary>
    public IReadOnlyList<(int Index, double SeparationArcsec)> Within(double ra, double dec, double radiusArcsec)
    {
        if (!(radiusArcsec >= 0)) throw new ArgumentOutOfRangeException(nameof(radiusArcsec), "The radius must be ≥ 0.");
        ra = NormalizeRa(ra);
        var r = radiusArcsec / 3600;
        var found = new List<(int, double)>();
        var zLow = ZoneOf(Math.Max(-90, dec - r));
        var zHigh = ZoneOf(Math.Min(90, dec + r));
        var halfWidth = RaHalfWidth(dec, r);
        for (var z = zLow; z <= zHigh; z++)
        {
            if (_zones[z] is not { } zone) continue;
            if (halfWidth >= 180)
            {
                Scan(zone, 0, 360, ra, dec, radiusArcsec, found);
                continue;
            }
            var lo = ra - halfWidth;
            var hi = ra + halfWidth;
            Scan(zone, Math.Max(lo, 0), Math.Min(hi, 360), ra, dec, radiusArcsec, found);
            if (lo < 0) Scan(zone, lo + 360, 360, ra, dec, radiusArcsec, found);
            if (hi >= 360) Scan(zone, 0, hi - 360, ra, dec, radiusArcsec, found);
        }
        found.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item1.CompareTo(b.Item1));
        return found;
    }

    // Largest |ΔRA| (degrees) of a point within r (degrees) of declination dec; 180 when the cone holds a pole.
    private static double RaHalfWidth(double dec, double r)
    {
        const double rad = Math.PI / 180;
        if (Math.Abs(dec) + r >= 90) return 180;
        var s = Math.Sin(r * rad) / Math.Cos(dec * rad);
        if (s >= 1) return 180;
        return Math.Asin(s) / rad * (1 + 1e-9) + 1e-12;
    }

    private static void Scan(Zone zone, double raLo, double raHi, double ra, double dec, double radius, List<(int, double)> found)
    {
        var i = LowerBound(zone.Ras, raLo);
        for (; i < zone.Ras.Length && zone.Ras[i] <= raHi; i++)
        {
            var sep = Separation(ra, dec, zone.Ras[i], zone.Decs[i]);
            if (sep <= radius) found.Add((zone.Ids[i], sep));
        }
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int ZoneOf(double dec) => Math.Clamp((int)Math.Floor((dec + 90) / _zoneHeight), 0, _zones.Length - 1);

    private static double NormalizeRa(double ra)
    {
        var r = ra % 360;
        if (r < 0) r += 360;
        return r >= 360 ? 0 : r;
    }

    private sealed record Zone(double[] Ras, int[] Ids, double[] Decs);
}
