using System.Globalization;
using System.Text.RegularExpressions;

namespace CzSL.DataPrep.Download;

/// <summary>Fills a cutout URL template (see <see cref="SdssCutoutOptions.UrlTemplate"/>).</summary>
public static partial class CutoutUrl
{
    private static readonly string[] Known = ["ra", "dec", "scale", "width", "height", "id"];

    /// <summary>The URL for a galaxy: numbers in invariant culture (degrees to 8 decimals ≈ 0.04 mas), the id URL-escaped.</summary>
    public static Uri Format(string template, string id, double ra, double dec, double scale, int width, int height)
    {
        var text = Placeholder().Replace(template, m => m.Groups[1].Value switch
        {
            "ra" => ra.ToString("0.########", CultureInfo.InvariantCulture),
            "dec" => dec.ToString("0.########", CultureInfo.InvariantCulture),
            "scale" => scale.ToString("0.######", CultureInfo.InvariantCulture),
            "width" => width.ToString(CultureInfo.InvariantCulture),
            "height" => height.ToString(CultureInfo.InvariantCulture),
            "id" => Uri.EscapeDataString(id),
            var other => throw new ArgumentException($"Unknown placeholder {{{other}}} in URL template '{template}'."),
        });
        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the template is an absolute http(s) URL with {ra} and {dec} and only known placeholders.</summary>
    public static void Validate(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        foreach (Match m in Placeholder().Matches(template))
            if (!Known.Contains(m.Groups[1].Value))
                throw new ArgumentException($"Unknown placeholder {{{m.Groups[1].Value}}} in URL template '{template}'; known: {string.Join(", ", Known.Select(k => $"{{{k}}}"))}.");
        if (!template.Contains("{ra}", StringComparison.Ordinal) || !template.Contains("{dec}", StringComparison.Ordinal))
            throw new ArgumentException($"URL template '{template}' must contain {{ra}} and {{dec}}.");
        var sample = Format(template, "1", 0, 0, 1, 1, 1);
        if (sample.Scheme != Uri.UriSchemeHttp && sample.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"URL template '{template}' is not an http(s) URL.");
    }

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
