namespace CzSL.Data.Metrics;

/// <summary>Which probability a <see cref="CalibrationCurve"/> bins.</summary>
public enum CalibrationTarget
{
    /// <summary>The highest class probability; a hit is a right argmax (the expected calibration error's binning).</summary>
    TopClass,
    /// <summary>Binary only: the probability of class 1; a hit is a true class 1 (the usual binary reliability diagram).</summary>
    PositiveClass,
}

/// <summary>One equal-width probability bin (<see cref="Lower"/>, <see cref="Upper"/>] of a <see cref="CalibrationCurve"/>.</summary>
/// <param name="Lower">Lower edge, exclusive (the first bin also takes probability 0).</param>
/// <param name="Upper">Upper edge, inclusive.</param>
/// <param name="Count">Examples in the bin.</param>
/// <param name="ProbabilitySum">Sum of the binned probabilities.</param>
/// <param name="Hits">Examples in the bin that are hits (see <see cref="CalibrationTarget"/>).</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double ProbabilitySum, int Hits)
{
    /// <summary>Mean binned probability; NaN for an empty bin.</summary>
    public double MeanProbability => Count > 0 ? ProbabilitySum / Count : double.NaN;

    /// <summary>Observed share of hits; NaN for an empty bin.</summary>
    public double ObservedFrequency => Count > 0 ? (double)Hits / Count : double.NaN;
}

/// <summary>
/// Reliability bins: examples fall into <see cref="ClassificationMetrics.CalibrationBins"/> equal-width bins
/// (k/B, (k+1)/B] of the binned probability (0 goes to the first bin). The expected calibration error of
/// <see cref="ClassificationMetrics"/> is <see cref="ExpectedCalibrationError"/> of the <see cref="CalibrationTarget.TopClass"/> bins,
/// so a reliability diagram drawn from these bins and the reported ECE agree by construction.
/// </summary>
/// <param name="Target">The probability binned.</param>
/// <param name="Bins">The bins, lowest first (empty ones included).</param>
public sealed record CalibrationCurve(CalibrationTarget Target, IReadOnlyList<CalibrationBin> Bins)
{
    /// <summary>Examples over all bins.</summary>
    public int Count => Bins.Sum(b => b.Count);

    /// <summary>Σ_bins (|bin| / n) · |observed frequency − mean probability| = Σ_bins |hits − probability sum| / n.</summary>
    public double ExpectedCalibrationError
    {
        get
        {
            var n = Count;
            if (n == 0) throw new InvalidOperationException("No examples in the calibration bins.");
            double ece = 0;
            foreach (var bin in Bins)
                if (bin.Count > 0) ece += Math.Abs(bin.Hits - bin.ProbabilitySum) / n;
            return ece;
        }
    }

    /// <summary>Bins <paramref name="probabilities"/> against <paramref name="truth"/>.</summary>
    /// <exception cref="ArgumentException">No examples, lengths differ, or <see cref="CalibrationTarget.PositiveClass"/> with other than two classes.</exception>
    public static CalibrationCurve Of(IReadOnlyList<int> truth, IReadOnlyList<float[]> probabilities, CalibrationTarget target, int bins = ClassificationMetrics.CalibrationBins)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (truth.Count == 0) throw new ArgumentException("No examples.", nameof(truth));
        if (truth.Count != probabilities.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but probabilities has {probabilities.Count} rows.", nameof(probabilities));
        var count = new int[bins];
        var sum = new double[bins];
        var hits = new int[bins];
        for (var i = 0; i < truth.Count; i++)
        {
            var (p, hit) = Binned(truth[i], probabilities[i], target);
            var bin = Math.Clamp((int)Math.Ceiling(p * bins) - 1, 0, bins - 1);
            count[bin]++;
            sum[bin] += p;
            if (hit) hits[bin]++;
        }
        return new CalibrationCurve(target, Enumerable.Range(0, bins)
            .Select(b => new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], sum[b], hits[b])).ToArray());
    }

    /// <summary>The bins of this curve and <paramref name="other"/> added up (e.g. pooled over repeats).</summary>
    /// <exception cref="ArgumentException">The curves bin different targets or edges.</exception>
    public CalibrationCurve Pool(CalibrationCurve other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Target != Target || other.Bins.Count != Bins.Count)
            throw new ArgumentException($"Cannot pool {other.Target} bins ({other.Bins.Count}) with {Target} bins ({Bins.Count}).", nameof(other));
        return this with
        {
            Bins = Bins.Zip(other.Bins, (a, b) => a with { Count = a.Count + b.Count, ProbabilitySum = a.ProbabilitySum + b.ProbabilitySum, Hits = a.Hits + b.Hits }).ToArray(),
        };
    }

    private static (double Probability, bool Hit) Binned(int truth, float[] probabilities, CalibrationTarget target)
    {
        if (target == CalibrationTarget.PositiveClass)
        {
            if (probabilities.Length != 2)
                throw new ArgumentException($"Positive-class calibration needs two classes; a row has {probabilities.Length}.", nameof(probabilities));
            return (probabilities[1], truth == 1);
        }
        var top = ClassificationMetrics.ArgMax(probabilities);
        return (probabilities[top], top == truth);
    }
}
