using OxyPlot;

namespace CzSL.Reporting.Plots;

/// <summary>Colours every figure shares.</summary>
internal static class PlotColours
{
    /// <summary>CzSL's colour in every figure (red).</summary>
    public static readonly OxyColor Czsl = OxyColor.FromRgb(0xD6, 0x27, 0x28);
}
