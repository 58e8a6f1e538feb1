namespace CzSL.Data.Splits;

/// <summary>
/// Random over-sampling (ROS) and under-sampling (RUS) to balanced classes, as the paper applies to the MG training
/// sets. Both return row indices (into <c>labels</c>) in a seeded random order, so an in-order train / validation
/// split (the paper protocol's 70/30 file-order split) of the result stays balanced.
/// </summary>
public static class Resampling
{
    /// <summary>
    /// ROS: every row once, plus rows of each smaller class drawn with replacement until every class has as many rows as
    /// the largest. Size = classes × largest class.
    /// </summary>
    public static int[] RandomOverSample(IReadOnlyList<int> labels, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rng = new SeededRandom(seed);
        var classes = StratifiedSplit.ClassMembers(labels);
        if (classes.Count == 0) return [];
        var target = classes.Max(c => c.Length);
        var result = new List<int>(target * classes.Count);
        foreach (var members in classes)
        {
            result.AddRange(members);
            for (var i = members.Length; i < target; i++) result.Add(members[rng.NextInt(members.Length)]);
        }
        var a = result.ToArray();
        rng.Shuffle<int>(a);
        return a;
    }

    /// <summary>
    /// RUS: from each class a random subset (without replacement) as large as the smallest class. Size = classes ×
    /// smallest class.
    /// </summary>
    public static int[] RandomUnderSample(IReadOnlyList<int> labels, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var rng = new SeededRandom(seed);
        var classes = StratifiedSplit.ClassMembers(labels);
        if (classes.Count == 0) return [];
        var target = classes.Min(c => c.Length);
        var result = new List<int>(target * classes.Count);
        foreach (var members in classes)
        {
            rng.Shuffle<int>(members);
            result.AddRange(members[..target]);
        }
        var a = result.ToArray();
        rng.Shuffle<int>(a);
        return a;
    }
}
