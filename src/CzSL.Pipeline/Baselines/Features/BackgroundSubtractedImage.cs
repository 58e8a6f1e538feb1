namespace CzSL.Pipeline.Baselines.Features;

/// <summary>
/// An RGB cutout as float planes with each channel's sky level (median of a border frame) subtracted, their mean
/// ("light") and the sky noise of the light (1.4826 × median absolute deviation of the frame).
/// </summary>
internal sealed class BackgroundSubtractedImage
{
    private BackgroundSubtractedImage(int width, int height, float[] red, float[] green, float[] blue, float[] light, double noise)
    {
        Width = width;
        Height = height;
        Red = red;
        Green = green;
        Blue = blue;
        Light = light;
        Noise = noise;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Red { get; }
    public float[] Green { get; }
    public float[] Blue { get; }
    /// <summary>Mean of the three background-subtracted channels.</summary>
    public float[] Light { get; }
    /// <summary>Standard deviation of the sky in <see cref="Light"/>, from the border frame.</summary>
    public double Noise { get; }

    /// <summary>Splits an interleaved H×W×3 RGB buffer and subtracts the sky of each channel.</summary>
    public static BackgroundSubtractedImage FromRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        var n = width * height;
        var red = new float[n];
        var green = new float[n];
        var blue = new float[n];
        for (var i = 0; i < n; i++)
        {
            red[i] = rgb[3 * i];
            green[i] = rgb[3 * i + 1];
            blue[i] = rgb[3 * i + 2];
        }
        var frame = FrameWidth(width, height);
        Subtract(red, Median(BorderValues(red, width, height, frame)));
        Subtract(green, Median(BorderValues(green, width, height, frame)));
        Subtract(blue, Median(BorderValues(blue, width, height, frame)));
        var light = new float[n];
        for (var i = 0; i < n; i++) light[i] = (red[i] + green[i] + blue[i]) / 3f;
        var border = BorderValues(light, width, height, frame);
        var centre = Median(border);
        for (var i = 0; i < border.Length; i++) border[i] = Math.Abs(border[i] - centre);
        var noise = 1.4826 * Median(border);
        return new BackgroundSubtractedImage(width, height, red, green, blue, light, noise);
    }

    /// <summary>Width of the border frame used for the sky: 1/16 of the smaller side, at least one pixel.</summary>
    private static int FrameWidth(int width, int height) => Math.Max(1, Math.Min(width, height) / 16);

    private static float[] BorderValues(float[] plane, int width, int height, int frame)
    {
        var values = new List<float>(2 * frame * (width + height));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            if (x < frame || y < frame || x >= width - frame || y >= height - frame)
                values.Add(plane[y * width + x]);
        return values.ToArray();
    }

    private static float Median(float[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2f;
    }

    private static void Subtract(float[] plane, float level)
    {
        for (var i = 0; i < plane.Length; i++) plane[i] -= level;
    }
}
