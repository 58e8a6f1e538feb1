using CzSL.Reporting.Plots;

namespace CzSL.Reporting;

/// <summary>
/// Extra inputs of a report beyond the <see cref="ComparisonResult"/> (which already yields metric bars, confusion
/// matrices and ROC curves): training-curve CSVs and example-galaxy grids, plus figure settings.
/// </summary>
public sealed record ReportAssets
{
    /// <summary>No extra inputs, default settings.</summary>
    public static ReportAssets None { get; } = new();

    /// <summary>Training stages to plot: a name and the CSV training wrote (epoch,train_loss,val_loss,val_metric,lr,seconds).</summary>
    public IReadOnlyList<(string Name, string CsvPath)> TrainingCurves { get; init; } = [];

    /// <summary>Grids of example galaxies: a title and the galaxies.</summary>
    public IReadOnlyList<(string Title, IReadOnlyList<ExampleGalaxy> Examples)> ExampleGrids { get; init; } = [];

    /// <summary>Plot width in pixels.</summary>
    public int PlotWidth { get; init; } = 900;

    /// <summary>Plot height in pixels.</summary>
    public int PlotHeight { get; init; } = 540;

    /// <summary>Confusion matrices are drawn for this many top-ranked methods per scenario (CzSL always included).</summary>
    public int ConfusionMatrixMethods { get; init; } = 2;

    /// <summary>Side of one galaxy tile in the example grids, in pixels.</summary>
    public int ExampleTileSize { get; init; } = 128;
}

/// <summary>A figure written for the report.</summary>
/// <param name="Title">Caption.</param>
/// <param name="Path">Absolute path of the PNG (or SVG fallback).</param>
/// <param name="Scenario">Scenario key the figure belongs to, or null for training curves and example grids.</param>
public sealed record ReportFigure(string Title, string Path, string? Scenario);

/// <summary>The files <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Markdown">report.md.</param>
/// <param name="Json">report.json.</param>
/// <param name="Html">report.html (self-contained).</param>
/// <param name="Figures">Figures under the figures/ folder.</param>
public sealed record ReportOutput(string Markdown, string Json, string Html, IReadOnlyList<ReportFigure> Figures);
