namespace CzSL.Data.Metrics;

/// <summary>
/// Temperature scaling (Guo et al. 2017): one temperature T &gt; 0 divides a classifier's logits before the softmax,
/// fitted to minimise the negative log-likelihood on held-out data. It changes no argmax, only how confident the
/// probabilities are (T &gt; 1 softens an over-confident network).
/// </summary>
/// <remarks>
/// The NLL is convex in 1/T (the logits scale linearly with it), hence unimodal in log T: a golden-section search on
/// log T over [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] finds its minimum.
/// </remarks>
public static class TemperatureScaling
{
    /// <summary>Smallest temperature <see cref="Fit"/> returns (a perfectly separated set would push T to 0).</summary>
    public const double MinTemperature = 0.05;

    /// <summary>Largest temperature <see cref="Fit"/> returns.</summary>
    public const double MaxTemperature = 20;

    private const double Tolerance = 1e-7;

    /// <summary>The temperature in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] minimising <see cref="NegativeLogLikelihood"/>.</summary>
    /// <param name="logits">One row of logits per example.</param>
    /// <param name="targets">One target distribution per example (one-hot for hard labels), same width as the logits.</param>
    /// <exception cref="ArgumentException">No rows, counts or widths differ, or a value is not finite.</exception>
    public static double Fit(IReadOnlyList<float[]> logits, IReadOnlyList<float[]> targets)
    {
        Check(logits, targets);
        double F(double logT) => NegativeLogLikelihood(logits, targets, Math.Exp(logT));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = Math.Log(MinTemperature), b = Math.Log(MaxTemperature);
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = F(c), fd = F(d);
        while (b - a > Tolerance)
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - ratio * (b - a);
                fc = F(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + ratio * (b - a);
                fd = F(d);
            }
        }
        return Math.Clamp(Math.Exp((a + b) / 2), MinTemperature, MaxTemperature);
    }

    /// <summary>
    /// True when <paramref name="temperature"/> is (within 0.1%) a bound of the search: the NLL has no minimum inside it
    /// (e.g. a validation set the network separates perfectly drives T to 0), so the fit says nothing about calibration.
    /// </summary>
    public static bool IsAtBound(double temperature) =>
        temperature <= MinTemperature * 1.001 || temperature >= MaxTemperature / 1.001;

    /// <summary>Mean cross-entropy −Σ_k q_k log softmax(z / T)_k over the examples.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> logits, IReadOnlyList<float[]> targets, double temperature)
    {
        Check(logits, targets);
        CheckTemperature(temperature);
        var sum = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            var z = logits[i];
            var max = z.Max() / temperature;
            var logNormaliser = max + Math.Log(z.Sum(v => Math.Exp(v / temperature - max)));
            for (var k = 0; k < z.Length; k++)
                if (targets[i][k] != 0) sum -= targets[i][k] * (z[k] / temperature - logNormaliser);
        }
        return sum / logits.Count;
    }

    /// <summary>softmax(<paramref name="logits"/> / <paramref name="temperature"/>).</summary>
    public static float[] Softmax(IReadOnlyList<float> logits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CheckTemperature(temperature);
        var max = logits.Max() / temperature;
        var e = logits.Select(v => Math.Exp(v / temperature - max)).ToArray();
        var total = e.Sum();
        return e.Select(v => (float)(v / total)).ToArray();
    }

    /// <summary>Throws unless <paramref name="temperature"/> is finite and &gt; 0.</summary>
    public static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "A temperature must be finite and > 0.");
    }

    private static void Check(IReadOnlyList<float[]> logits, IReadOnlyList<float[]> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Count == 0) throw new ArgumentException("No logits to fit a temperature on.", nameof(logits));
        if (logits.Count != targets.Count)
            throw new ArgumentException($"{logits.Count} logit rows but {targets.Count} target rows.", nameof(targets));
        for (var i = 0; i < logits.Count; i++)
        {
            if (logits[i].Length != targets[i].Length || logits[i].Length < 2)
                throw new ArgumentException($"Row {i}: {logits[i].Length} logits for {targets[i].Length} target classes (need the same width ≥ 2).", nameof(targets));
            if (!logits[i].All(float.IsFinite)) throw new ArgumentException($"Row {i}: a logit is not finite.", nameof(logits));
        }
    }
}
