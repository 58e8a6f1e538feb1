namespace CzSL.Data.Labels;

/// <summary>
/// An amateur (citizen-science) label for one galaxy in one scenario.
/// </summary>
/// <param name="ClassIndex">The hard label: index into <see cref="ScenarioClasses.Of"/>.</param>
/// <param name="Target">
/// Training target over the scenario's classes, summing to 1: one-hot for hard policies, the vote-fraction
/// distribution for <see cref="SoftLabelPolicy"/>.
/// </param>
public sealed record AmateurLabel(int ClassIndex, float[] Target)
{
    /// <summary>A hard label: <paramref name="classIndex"/> with a one-hot target over <paramref name="classCount"/> classes.</summary>
    public static AmateurLabel OneHot(int classIndex, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, classCount);
        var t = new float[classCount];
        t[classIndex] = 1f;
        return new AmateurLabel(classIndex, t);
    }
}
