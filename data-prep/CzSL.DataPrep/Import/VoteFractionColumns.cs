namespace CzSL.DataPrep.Import;

/// <summary>
/// Label-CSV columns holding vote fractions (0–1 of all classifications) that map onto GZ1's categories. Elliptical
/// and spiral are required; the others may be null (then 0 votes).
/// </summary>
/// <param name="Elliptical">Smooth / elliptical share (GZ2 Kaggle: Class1.1).</param>
/// <param name="Spiral">Disk / features share, edge-on included (GZ2 Kaggle: Class1.2).</param>
/// <param name="EdgeOn">Edge-on share of all classifications, part of <paramref name="Spiral"/> (GZ2 Kaggle: Class2.1).</param>
/// <param name="DontKnow">Star / artifact / don't-know share (GZ2 Kaggle: Class1.3).</param>
/// <param name="Merger">Merger share (GZ2 Kaggle: Class8.6, "merger" as the odd feature).</param>
public sealed record VoteFractionColumns(string Elliptical, string Spiral, string? EdgeOn, string? DontKnow, string? Merger)
{
    /// <summary>The Kaggle Galaxy Zoo 2 challenge's <c>training_solutions_rev1.csv</c> columns.</summary>
    public static VoteFractionColumns KaggleGz2 { get; } = new("Class1.1", "Class1.2", "Class2.1", "Class1.3", "Class8.6");
}
