namespace CzSL.Training.Loop;

/// <summary>
/// A symmetry of the square image (rotation by <see cref="Rotation"/>·90° counter-clockwise after an optional
/// left-right mirror) followed by a shift of (<see cref="ShiftY"/>, <see cref="ShiftX"/>) pixels with edge repetition,
/// applied while converting uint8 HWC pixels to float HWC values in [0, 1].
/// </summary>
public readonly record struct PixelTransform(int Rotation, bool Flip, int ShiftY, int ShiftX)
{
    /// <summary>The identity.</summary>
    public static PixelTransform Identity => default;

    /// <summary>The 8 symmetries of the square without shifts (test-time augmentation).</summary>
    public static IReadOnlyList<PixelTransform> Symmetries { get; } =
        [.. from flip in new[] { false, true } from r in Enumerable.Range(0, 4) select new PixelTransform(r, flip, 0, 0)];

    /// <summary>
    /// Writes <paramref name="source"/> (size×size×channels uint8) transformed into <paramref name="destination"/>
    /// (size×size×channels floats, value/255).
    /// </summary>
    public void Apply(ReadOnlySpan<byte> source, int size, int channels, Span<float> destination)
    {
        var pixels = size * size * channels;
        if (source.Length != pixels || destination.Length != pixels)
            throw new ArgumentException($"Expected {pixels} values ({size}×{size}×{channels}), got source {source.Length}, destination {destination.Length}.");
        const float scale = 1f / 255f;
        if (this == Identity)
        {
            for (var i = 0; i < pixels; i++) destination[i] = source[i] * scale;
            return;
        }
        var last = size - 1;
        var o = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                // Inverse map: destination (y, x) ← shift ← rotate ← flip ← source (u, v).
                var u = Math.Clamp(y - ShiftY, 0, last);
                var v = Math.Clamp(x - ShiftX, 0, last);
                for (var r = 0; r < Rotation; r++) (u, v) = (v, last - u);
                if (Flip) v = last - v;
                var s = (u * size + v) * channels;
                for (var c = 0; c < channels; c++) destination[o++] = source[s + c] * scale;
            }
        }
    }
}
