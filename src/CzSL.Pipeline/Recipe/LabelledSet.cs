namespace CzSL.Pipeline.Recipe;

/// <summary>Galaxies with one label each: record indices, class indices and training targets (one-hot or soft).</summary>
public sealed record LabelledSet(int[] Indices, int[] Labels, float[][] Targets)
{
    /// <summary>Number of galaxies.</summary>
    public int Count => Indices.Length;

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    public LabelledSet Concat(LabelledSet other) =>
        new([.. Indices, .. other.Indices], [.. Labels, .. other.Labels], [.. Targets, .. other.Targets]);

    /// <summary>The rows at <paramref name="rows"/> (positions in this set).</summary>
    public LabelledSet Take(IEnumerable<int> rows)
    {
        var r = rows.ToArray();
        return new(r.Select(i => Indices[i]).ToArray(), r.Select(i => Labels[i]).ToArray(), r.Select(i => Targets[i]).ToArray());
    }
}
