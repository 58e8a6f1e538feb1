namespace CzSL.Pipeline.Paper;

/// <summary>
/// The CzSL paper's file-order splits of a training fold, with the reference code's rounding: Python's
/// <c>int(fraction * n)</c>, i.e. the double product truncated toward zero.
/// </summary>
/// <remarks>
/// L = rows [0, ⌊0.05·n⌋) (expert-labelled), A = the next ⌊0.20·n⌋ rows (amateur-labelled), U = the rest
/// (unlabelled). For fold 1 of the ESRL tables n = 32,721: L = 1,636, A = 6,544, U = 24,541. (The reference code's
/// semi-supervised scoring set, <c>images_U</c>, is everything after L, i.e. A ∪ U.)
/// </remarks>
public sealed record PaperSplit(Range L, Range A, Range U)
{
    /// <summary>Fraction of the training fold in L.</summary>
    public const double LFraction = 0.05;
    /// <summary>Fraction of the training fold in A.</summary>
    public const double AFraction = 0.20;
    /// <summary>Training share of <see cref="TrainValidation"/> in the paper.</summary>
    public const double TrainFraction = 0.7;

    /// <summary>The L / A / U split of a training fold of <paramref name="n"/> rows in file order.</summary>
    public static PaperSplit Of(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var l = (int)(LFraction * n);
        var a = l + (int)(AFraction * n);
        return new PaperSplit(0..l, l..a, a..n);
    }

    /// <summary>
    /// The paper's train / validation split of a set of <paramref name="n"/> rows in order: the first
    /// ⌊<paramref name="trainFraction"/>·n⌋ rows train, the rest validate (no shuffling).
    /// </summary>
    public static (Range Train, Range Validation) TrainValidation(int n, double trainFraction = TrainFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(trainFraction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "Must lie in [0, 1].");
        var t = (int)(trainFraction * n);
        return (0..t, t..n);
    }
}
