using CzSL.Data;

namespace CzSL.Training.Loop;

/// <summary>
/// Galaxy-aware augmentation: a galaxy has no preferred orientation or handedness of the frame, so random 90°
/// rotations and mirror flips (the 8 symmetries of the square) keep its class — except that a mirror turns a clockwise
/// spiral into an anticlockwise one: where the classes are chiralities (ERL), <see cref="MirrorClasses"/> says which
/// class a mirrored galaxy belongs to and the targets of mirrored samples are permuted accordingly. Small shifts move
/// the centre by up to <see cref="MaxShift"/> pixels (edges repeated).
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

    /// <summary>
    /// The class of a mirrored galaxy of class c is <c>MirrorClasses[c]</c> (a permutation, e.g. ERL's [0, 2, 1]:
    /// elliptical stays, clockwise ↔ anticlockwise); null when a mirror keeps every class.
    /// </summary>
    public int[]? MirrorClasses
    {
        get => _mirrorClasses;
        init
        {
            if (value is not null && !value.Order().SequenceEqual(Enumerable.Range(0, value.Length)))
                throw new ArgumentException($"Augmentation.MirrorClasses must be a permutation of 0..{value.Length - 1}, got [{string.Join(", ", value)}].");
            _mirrorClasses = value;
        }
    }

    private readonly int[]? _mirrorClasses;

    /// <summary>Galaxy augmentation for classes that a mirror permutes by <paramref name="mirrorClasses"/> (null: every symmetry keeps the class).</summary>
    public static Augmentation GalaxyWithMirror(int[]? mirrorClasses) => Galaxy with { MirrorClasses = mirrorClasses };

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

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Rotate90 = {Rotate90}, Flip = {Flip}, MaxShift = {MaxShift}");
        if (MirrorClasses is not null) builder.Append($", MirrorClasses = [{string.Join(",", MirrorClasses)}]");
        return true;
    }

    /// <summary>Equal settings, the mirror permutation compared element-wise.</summary>
    public bool Equals(Augmentation? other) =>
        other is not null && Rotate90 == other.Rotate90 && Flip == other.Flip && MaxShift == other.MaxShift
        && (MirrorClasses ?? []).SequenceEqual(other.MirrorClasses ?? []);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rotate90, Flip, MaxShift, MirrorClasses?.Length ?? -1);
}
