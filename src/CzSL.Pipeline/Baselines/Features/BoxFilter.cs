namespace CzSL.Pipeline.Baselines.Features;

/// <summary>Boxcar mean of a plane via a summed-area table; near the edges the mean covers the in-image part of the box.</summary>
internal static class BoxFilter
{
    /// <summary>Each pixel replaced by the mean of the <paramref name="size"/>×<paramref name="size"/> box around it (size odd).</summary>
    public static float[] Mean(float[] plane, int width, int height, int size)
    {
        var sums = new double[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            double row = 0;
            for (var x = 0; x < width; x++)
            {
                row += plane[y * width + x];
                sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + row;
            }
        }
        var half = size / 2;
        var result = new float[plane.Length];
        for (var y = 0; y < height; y++)
        {
            int y0 = Math.Max(0, y - half), y1 = Math.Min(height, y + half + 1);
            for (var x = 0; x < width; x++)
            {
                int x0 = Math.Max(0, x - half), x1 = Math.Min(width, x + half + 1);
                var sum = sums[y1 * (width + 1) + x1] - sums[y0 * (width + 1) + x1] - sums[y1 * (width + 1) + x0] + sums[y0 * (width + 1) + x0];
                result[y * width + x] = (float)(sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return result;
    }
}
