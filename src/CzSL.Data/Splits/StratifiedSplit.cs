namespace CzSL.Data.Splits;

/// <summary>Seeded, stratified train / validation / test splits.</summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Splits the rows 0..n−1 (n = <paramref name="labels"/>.Count) so that every class is divided in the given
    /// proportions. Per class c with n_c rows (shuffled with <see cref="SeededRandom"/>(<paramref name="seed"/>)):
    /// train gets round(n_c·f_train) rows, validation round(n_c·(f_train + f_val)) − train, test the rest (rounding
    /// half away from zero), so each class's share in each part is within one row of exact.
    /// </summary>
    /// <param name="labels">The class of each row (any integers, e.g. class indices).</param>
    /// <param name="fractions">Train, validation and test fractions: non-negative, summing to 1 (±1e-9).</param>
    /// <param name="seed">Same seed, same split.</param>
    public static SplitIndices Split(IReadOnlyList<int> labels, (double Train, double Validation, double Test) fractions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var (ft, fv, fs) = fractions;
        if (!(ft >= 0 && fv >= 0 && fs >= 0) || Math.Abs(ft + fv + fs - 1) > 1e-9)
            throw new ArgumentOutOfRangeException(nameof(fractions), fractions, "Fractions must be non-negative and sum to 1.");
        var rng = new SeededRandom(seed);
        var train = new List<int>();
        var val = new List<int>();
        var test = new List<int>();
        foreach (var members in ClassMembers(labels))
        {
            rng.Shuffle<int>(members);
            var n = members.Length;
            var a = (int)Math.Round(n * ft, MidpointRounding.AwayFromZero);
            var b = Math.Min(n, (int)Math.Round(n * (ft + fv), MidpointRounding.AwayFromZero));
            train.AddRange(members[..a]);
            val.AddRange(members[a..b]);
            test.AddRange(members[b..]);
        }
        return new SplitIndices(Sorted(train), Sorted(val), Sorted(test));
    }

    /// <summary>The rows of each class, classes in ascending label order, rows ascending.</summary>
    internal static List<int[]> ClassMembers(IReadOnlyList<int> labels)
    {
        var byClass = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var list)) byClass[labels[i]] = list = [];
            list.Add(i);
        }
        return byClass.Values.Select(l => l.ToArray()).ToList();
    }

    internal static int[] Sorted(List<int> indices)
    {
        var a = indices.ToArray();
        Array.Sort(a);
        return a;
    }
}
