namespace CzSL.Data.Metrics;

/// <summary>The class prior of a set of predictions and the posteriors adjusted to it.</summary>
/// <param name="Prior">The estimated class prior of the scored set.</param>
/// <param name="Probabilities">The posteriors adjusted from the training prior to <paramref name="Prior"/>.</param>
/// <param name="Iterations">EM iterations run.</param>
public sealed record PriorEstimate(double[] Prior, float[][] Probabilities, int Iterations);

/// <summary>
/// Prior shift at deployment: a classifier's posteriors assume its training prior; when the scored galaxies have
/// another class balance, the EM algorithm of Saerens, Latinne &amp; Decaestecker (2002, Neural Computation 14, 21)
/// estimates that balance from the unlabelled predictions and adjusts the posteriors to it:
/// p'(c|x) ∝ (π'(c) / π(c)) · p(c|x), π'(c) = mean over x of p'(c|x), iterated to a fixed point.
/// </summary>
public static class PriorAdjustment
{
    /// <summary>Adjusts <paramref name="probabilities"/> from <paramref name="trainingPrior"/> to the EM estimate of the set's prior.</summary>
    /// <exception cref="ArgumentException">Empty input, rows of another width than the prior, or a prior that is not a distribution.</exception>
    public static PriorEstimate Estimate(IReadOnlyList<float[]> probabilities, IReadOnlyList<double> trainingPrior, int maxIterations = 1000, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(trainingPrior);
        if (probabilities.Count == 0) throw new ArgumentException("No predictions to estimate a prior from.", nameof(probabilities));
        var c = trainingPrior.Count;
        if (c < 2 || trainingPrior.Any(p => !(p > 0)) || Math.Abs(trainingPrior.Sum() - 1) > 1e-6)
            throw new ArgumentException($"The training prior must be a distribution over ≥ 2 classes with every class > 0, got [{string.Join(", ", trainingPrior)}].", nameof(trainingPrior));
        if (probabilities.Any(p => p.Length != c))
            throw new ArgumentException($"Every probability row needs {c} values (one per class of the prior).", nameof(probabilities));

        var prior = trainingPrior.ToArray();
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var next = new double[c];
            foreach (var row in probabilities)
            {
                var adjusted = Adjust(row, trainingPrior, prior);
                for (var k = 0; k < c; k++) next[k] += adjusted[k];
            }
            for (var k = 0; k < c; k++) next[k] /= probabilities.Count;
            var change = next.Select((v, k) => Math.Abs(v - prior[k])).Max();
            prior = next;
            if (change < tolerance) break;
        }
        return new PriorEstimate(prior, probabilities.Select(row => Adjust(row, trainingPrior, prior).Select(v => (float)v).ToArray()).ToArray(), iterations);
    }

    /// <summary>One posterior moved from <paramref name="from"/> to <paramref name="to"/> (Bayes' rule with the likelihood unchanged).</summary>
    public static double[] Adjust(IReadOnlyList<float> probabilities, IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        var adjusted = new double[from.Count];
        var sum = 0.0;
        for (var k = 0; k < adjusted.Length; k++) sum += adjusted[k] = to[k] / from[k] * probabilities[k];
        if (!(sum > 0)) return [.. probabilities.Select(p => (double)p)];
        for (var k = 0; k < adjusted.Length; k++) adjusted[k] /= sum;
        return adjusted;
    }
}
