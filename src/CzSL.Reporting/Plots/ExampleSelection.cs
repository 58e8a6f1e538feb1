namespace CzSL.Reporting.Plots;

/// <summary>Picks the test galaxies worth looking at: the most confidently wrong and the most uncertain.</summary>
public static class ExampleSelection
{
    /// <summary>
    /// Indices of up to <paramref name="count"/> misclassified examples (<paramref name="predicted"/> ≠
    /// <paramref name="expert"/>) with the highest probability on their predicted class, highest first (ties: lower index first).
    /// </summary>
    /// <exception cref="ArgumentException">The three lists differ in length or a predicted class is out of range.</exception>
    public static IReadOnlyList<int> ConfidentlyWrong(IReadOnlyList<int> expert, IReadOnlyList<int> predicted, IReadOnlyList<float[]> probabilities, int count)
    {
        Check(expert, predicted, probabilities, count);
        return Enumerable.Range(0, expert.Count).Where(i => predicted[i] != expert[i])
            .OrderByDescending(i => probabilities[i][predicted[i]]).ThenBy(i => i).Take(count).ToList();
    }

    /// <summary>
    /// Indices of the <paramref name="count"/> examples whose top-class probability is lowest (closest to an even split
    /// between classes), lowest first (ties: lower index first).
    /// </summary>
    /// <exception cref="ArgumentException">A row is empty.</exception>
    public static IReadOnlyList<int> MostUncertain(IReadOnlyList<float[]> probabilities, int count)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (probabilities.Any(p => p.Length == 0)) throw new ArgumentException("A probability row is empty.", nameof(probabilities));
        return Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i].Max()).ThenBy(i => i).Take(count).ToList();
    }

    private static void Check(IReadOnlyList<int> expert, IReadOnlyList<int> predicted, IReadOnlyList<float[]> probabilities, int count)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (predicted.Count != expert.Count || probabilities.Count != expert.Count)
            throw new ArgumentException($"{expert.Count} expert labels, {predicted.Count} predictions and {probabilities.Count} probability rows differ.", nameof(predicted));
        for (var i = 0; i < predicted.Count; i++)
            if ((uint)predicted[i] >= (uint)probabilities[i].Length)
                throw new ArgumentException($"Prediction {i} is class {predicted[i]}; its probability row has {probabilities[i].Length} classes.", nameof(predicted));
    }
}
