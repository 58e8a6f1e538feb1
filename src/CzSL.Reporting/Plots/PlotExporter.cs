using CzSL.Data;
using OxyPlot;

namespace CzSL.Reporting.Plots;

/// <summary>
/// Writes an OxyPlot model atomically as PNG (OxyPlot.SkiaSharp) or, when the native Skia library cannot be used,
/// as SVG (OxyPlot.Core, no native dependency).
/// </summary>
public static class PlotExporter
{
    /// <summary>Font family of every plot (present on Debian through fonts-dejavu; Skia falls back when absent).</summary>
    public const string Font = "DejaVu Sans";

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="pathWithoutExtension"/> + ".png" (or ".svg" on fallback) and
    /// returns the path written.
    /// </summary>
    public static string Export(PlotModel model, string pathWithoutExtension, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(pathWithoutExtension);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        byte[] png;
        try
        {
            using var buffer = new MemoryStream();
            new OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height, UseTextShaping = false }.Export(model, buffer);
            png = buffer.ToArray();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
                                      or MissingMethodException or TypeLoadException or BadImageFormatException)
        {
            var svgPath = pathWithoutExtension + ".svg";
            AtomicFile.Write(svgPath, stream => new SvgExporter { Width = width, Height = height }.Export(model, stream));
            return svgPath;
        }
        var pngPath = pathWithoutExtension + ".png";
        AtomicFile.Write(pngPath, stream => stream.Write(png));
        return pngPath;
    }
}
