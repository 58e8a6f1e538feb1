using CzSL.Data;

namespace CzSL.Training.Loop;

/// <summary>
/// The order in which one epoch visits the training samples and the augmentation of each visit: a pure function of
/// (seed, epoch), so a run resumed from a checkpoint sees exactly the batches an uninterrupted run would.
/// </summary>
/// <param name="Positions">Positions into the training list, in visiting order.</param>
/// <param name="Transforms">The augmentation of each visit.</param>
public sealed record EpochPlan(int[] Positions, PixelTransform[] Transforms)
{
    /// <summary>The class permutation a mirrored visit applies to its target (<see cref="Augmentation.MirrorClasses"/>), or null.</summary>
    public int[]? MirrorClasses { get; init; }

    /// <summary>
    /// Plans epoch <paramref name="epoch"/> over <paramref name="count"/> samples: a random permutation, or, with
    /// <paramref name="samplingWeights"/>, <paramref name="count"/> draws with replacement proportional to the weights
    /// (balanced sampling).
    /// </summary>
    public static EpochPlan Create(long seed, int epoch, int count, Augmentation augmentation, IReadOnlyList<double>? samplingWeights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = SeededRandom.Derive((ulong)seed, (ulong)epoch);
        int[] positions;
        if (samplingWeights is null)
        {
            positions = random.Permutation(count);
        }
        else
        {
            if (samplingWeights.Count != count)
                throw new ArgumentException($"{samplingWeights.Count} sampling weights for {count} samples.", nameof(samplingWeights));
            var cumulative = new double[count];
            var total = 0.0;
            for (var i = 0; i < count; i++)
            {
                if (!(samplingWeights[i] >= 0) || double.IsInfinity(samplingWeights[i]))
                    throw new ArgumentException($"Sampling weight {i} is {samplingWeights[i]}; weights must be finite and ≥ 0.", nameof(samplingWeights));
                total += samplingWeights[i];
                cumulative[i] = total;
            }
            if (!(total > 0)) throw new ArgumentException("All sampling weights are 0.", nameof(samplingWeights));
            positions = new int[count];
            for (var i = 0; i < count; i++) positions[i] = FirstAbove(cumulative, random.NextDouble() * total);
        }
        var transforms = new PixelTransform[count];
        for (var i = 0; i < count; i++) transforms[i] = augmentation.Draw(random);
        return new EpochPlan(positions, transforms) { MirrorClasses = augmentation.MirrorClasses };
    }

    /// <summary>Visits every sample once, in order, untransformed (evaluation and prediction).</summary>
    public static EpochPlan Sequential(int count, PixelTransform transform = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var positions = new int[count];
        for (var i = 0; i < count; i++) positions[i] = i;
        return new EpochPlan(positions, Enumerable.Repeat(transform, count).ToArray());
    }

    /// <summary>The smallest index whose cumulative weight exceeds <paramref name="r"/> (never a zero-weight sample).</summary>
    private static int FirstAbove(double[] cumulative, double r)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > r) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
