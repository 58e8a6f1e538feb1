using SkiaSharp;

namespace CzSL.Reporting.Plots;

/// <summary>One galaxy shown in an example grid, with whichever labels are known.</summary>
/// <param name="ImagePath">Image file (any format SkiaSharp decodes).</param>
/// <param name="Id">Galaxy id, shown first when given.</param>
/// <param name="Truth">True class (simulated data).</param>
/// <param name="Amateur">Amateur (volunteer) label.</param>
/// <param name="Expert">Expert label.</param>
/// <param name="Predicted">Predicted class; green when it equals the expert label, red when not.</param>
/// <param name="Probability">The probability the model gave its predicted class, shown after it.</param>
public sealed record ExampleGalaxy(string ImagePath, string? Id = null, string? Truth = null, string? Amateur = null, string? Expert = null, string? Predicted = null,
    double? Probability = null);

/// <summary>Composes a grid of galaxy images with their labels written under each (SkiaSharp), as PNG bytes.</summary>
public static class ExampleGridImage
{
    private const int LineHeight = 15;
    private const int Padding = 6;

    /// <summary>Renders <paramref name="examples"/> in rows of <paramref name="columns"/> tiles of <paramref name="tileSize"/> pixels.</summary>
    /// <exception cref="InvalidDataException">An image cannot be decoded; the message names the file.</exception>
    public static byte[] Render(IReadOnlyList<ExampleGalaxy> examples, int tileSize = 128, int columns = 6)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("No examples to draw.", nameof(examples));
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        columns = Math.Min(columns, examples.Count);
        var rows = (examples.Count + columns - 1) / columns;
        var textLines = 5;
        var cellWidth = tileSize + 2 * Padding;
        var cellHeight = tileSize + textLines * LineHeight + 2 * Padding;
        using var surface = SKSurface.Create(new SKImageInfo(columns * cellWidth, rows * cellHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var text = new SKPaint { Color = SKColors.Black, TextSize = 11, IsAntialias = true, Typeface = typeface };
        using var image = new SKPaint { FilterQuality = SKFilterQuality.Medium };
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            float left = i % columns * cellWidth + Padding, top = i / columns * cellHeight + Padding;
            using (var bitmap = SKBitmap.Decode(example.ImagePath)
                ?? throw new InvalidDataException($"{example.ImagePath}: cannot decode the example image."))
                canvas.DrawBitmap(bitmap, SKRect.Create(left, top, tileSize, tileSize), image);
            var y = top + tileSize + LineHeight - 3;
            foreach (var (line, colour) in Lines(example))
            {
                text.Color = colour;
                canvas.DrawText(line, left, y, text);
                y += LineHeight;
            }
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static IEnumerable<(string Text, SKColor Colour)> Lines(ExampleGalaxy e)
    {
        if (e.Id is not null) yield return (e.Id, SKColors.DimGray);
        if (e.Truth is not null) yield return ($"true: {e.Truth}", SKColors.Black);
        if (e.Amateur is not null) yield return ($"amateur: {e.Amateur}", SKColors.Black);
        if (e.Expert is not null) yield return ($"expert: {e.Expert}", SKColors.Black);
        if (e.Predicted is not null)
        {
            var colour = e.Expert is null ? SKColors.Black
                : string.Equals(e.Predicted, e.Expert, StringComparison.OrdinalIgnoreCase) ? new SKColor(0x1A, 0x7F, 0x1A) : new SKColor(0xC0, 0x10, 0x10);
            yield return (e.Probability is { } p ? FormattableString.Invariant($"predicted: {e.Predicted} ({p:0.00})") : $"predicted: {e.Predicted}", colour);
        }
    }
}
