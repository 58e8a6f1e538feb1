using CzSL.Data;

namespace CzSL.Training.Loop;

/// <summary>
/// Galaxy-aware augmentation: a galaxy has no preferred orientation or handedness of the frame, so random 90°
/// rotations and mirror flips (the 8 symmetries of the square) keep its class, except that a mirror turns a clockwise
/// spiral into an anticlockwise one — disable <see cref="Flip"/> where the classes are chiralities (ERL scenario).
/// Small shifts move the centre by up to <see cref="MaxShift"/> pixels (edges repeated).
/// </summary>
/// <param name="Rotate90">Rotate by a random multiple of 90°.</param>
/// <param name="Flip">Mirror left-right with probability ½ (with the rotations: every symmetry of the square).</param>
/// <param name="MaxShift">Largest shift in pixels along each axis (0: none).</param>
public sealed record Augmentation(bool Rotate90, bool Flip, int MaxShift)
{
    /// <summary>No augmentation.</summary>
    public static Augmentation None { get; } = new(false, false, 0);

    /// <summary>Rotations, flips and shifts of up to 2 pixels.</summary>
    public static Augmentation Galaxy { get; } = new(true, true, 2);

    /// <summary>Rotations and shifts only, preserving handedness (spiral chirality).</summary>
    public static Augmentation ChiralitySafe { get; } = new(true, false, 2);

    /// <summary>True when every draw is the identity.</summary>
    public bool IsNone => !Rotate90 && !Flip && MaxShift == 0;

    /// <summary>Draws one transform from <paramref name="random"/> (always the same number of draws, so streams stay aligned).</summary>
    public PixelTransform Draw(SeededRandom random)
    {
        var rotation = random.NextInt(4);
        var flip = random.NextInt(2) == 1;
        var dy = random.NextInt(-MaxShift, MaxShift + 1);
        var dx = random.NextInt(-MaxShift, MaxShift + 1);
        return new PixelTransform(Rotate90 ? rotation : 0, Flip && flip, dy, dx);
    }
}
