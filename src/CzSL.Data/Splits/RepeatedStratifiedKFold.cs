namespace CzSL.Data.Splits;

/// <summary>One fold of <see cref="RepeatedStratifiedKFold"/>.</summary>
/// <param name="Repeat">0-based repeat.</param>
/// <param name="Fold">0-based fold within the repeat.</param>
/// <param name="Train">Training rows (ascending).</param>
/// <param name="Test">Test rows (ascending).</param>
public sealed record KFold(int Repeat, int Fold, int[] Train, int[] Test);

/// <summary>
/// Repeated stratified k-fold cross-validation: in each repeat every row is tested exactly once, every class is
/// spread over the folds as evenly as possible (per-class fold counts differ by at most one) and fold sizes differ by
/// at most one.
/// </summary>
/// <remarks>
/// Per repeat r, with a <see cref="SeededRandom"/> derived from (seed, r): each class's rows are shuffled, the classes
/// are laid end to end (ascending label), and position p goes to fold p mod k.
/// </remarks>
public sealed class RepeatedStratifiedKFold
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="k">Folds per repeat (≥ 2).</param>
    /// <param name="repeats">Repeats (≥ 1), each with a different shuffle.</param>
    /// <param name="seed">Same seed, same folds.</param>
    public RepeatedStratifiedKFold(int k, int repeats, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        K = k;
        Repeats = repeats;
        Seed = seed;
    }

    /// <summary>Folds per repeat.</summary>
    public int K { get; }

    /// <summary>Number of repeats.</summary>
    public int Repeats { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>All K × Repeats folds for rows with classes <paramref name="labels"/>, repeat-major.</summary>
    /// <exception cref="ArgumentException">Fewer rows than folds.</exception>
    public IReadOnlyList<KFold> Folds(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < K)
            throw new ArgumentException($"{labels.Count} rows cannot fill {K} folds.", nameof(labels));
        var result = new List<KFold>(K * Repeats);
        for (var r = 0; r < Repeats; r++)
        {
            var rng = SeededRandom.Derive(Seed, (ulong)r);
            var foldOf = new int[labels.Count];
            var p = 0;
            foreach (var members in StratifiedSplit.ClassMembers(labels))
            {
                rng.Shuffle<int>(members);
                foreach (var i in members) foldOf[i] = p++ % K;
            }
            for (var f = 0; f < K; f++)
            {
                var train = new List<int>();
                var test = new List<int>();
                for (var i = 0; i < foldOf.Length; i++) (foldOf[i] == f ? test : train).Add(i);
                result.Add(new KFold(r, f, train.ToArray(), test.ToArray()));
            }
        }
        return result;
    }
}
