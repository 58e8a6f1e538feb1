using System.Globalization;

namespace CzSL.DataPrep.Crossmatch;

/// <summary>
/// Parses sky coordinates written either as decimal degrees or sexagesimally: right ascension as hours
/// ("hh:mm:ss.ss" or "hh mm ss.ss", the GZ1 data release and VizieR style) and declination as degrees
/// ("±dd:mm:ss.s"). A value is sexagesimal when it holds ':' or an inner space.
/// </summary>
public static class SkyAngle
{
    /// <summary>Right ascension in degrees, [0, 360).</summary>
    /// <exception cref="FormatException">Not a valid right ascension; the message says why.</exception>
    public static double ParseRightAscension(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (!IsSexagesimal(s))
        {
            var deg = ParseNumber(s, "right ascension");
            if (deg < 0 || deg > 360) throw new FormatException($"right ascension {s} is outside [0, 360] degrees");
            return deg == 360 ? 0 : deg;
        }
        var (negative, h, m, sec) = Split(s, "right ascension");
        if (negative) throw new FormatException($"right ascension '{s}' is negative");
        if (h >= 24) throw new FormatException($"right ascension '{s}': hours must be below 24");
        return (h + m / 60.0 + sec / 3600.0) * 15.0;
    }

    /// <summary>Declination in degrees, [−90, 90].</summary>
    /// <exception cref="FormatException">Not a valid declination; the message says why.</exception>
    public static double ParseDeclination(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        double deg;
        if (!IsSexagesimal(s))
        {
            deg = ParseNumber(s, "declination");
        }
        else
        {
            var (negative, d, m, sec) = Split(s, "declination");
            deg = d + m / 60.0 + sec / 3600.0;
            if (negative) deg = -deg;
        }
        if (deg < -90 || deg > 90) throw new FormatException($"declination '{s}' is outside [-90, 90] degrees");
        return deg;
    }

    private static bool IsSexagesimal(string s) => s.Contains(':') || s.Contains(' ');

    private static double ParseNumber(string s, string what)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new FormatException($"'{s}' is not a {what} (decimal degrees or sexagesimal)");
        return v;
    }

    // "±a:b:c" / "±a b c": a whole, 0 ≤ b < 60 whole, 0 ≤ c ≤ 60. The sign applies to the whole angle (so "-00:30:00" is −0.5°).
    private static (bool Negative, int A, int B, double C) Split(string s, string what)
    {
        var negative = s.StartsWith('-');
        var body = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        var parts = body.Split([':', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
            throw new FormatException($"'{s}' is not a sexagesimal {what}: expected three parts like 12:34:56.7");
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            || !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var c))
            throw new FormatException($"'{s}' is not a sexagesimal {what}: parts must be unsigned numbers");
        // Seconds of exactly 60 occur where a writer rounded 59.99… up without carrying: accepted, minutes are not.
        if (b >= 60 || c > 60) throw new FormatException($"'{s}': minutes must be below 60 and seconds at most 60");
        return (negative, a, b, c);
    }
}
