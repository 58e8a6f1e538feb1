namespace CzSL.MLNet.Scoring;

/// <summary>Small numeric helpers shared by the ML.NET chain and the ONNX Runtime scorer.</summary>
public static class ScoreMath
{
    /// <summary>Index of the largest finite value (first on ties), or -1 when there is none.</summary>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        var best = -1;
        for (var i = 0; i < values.Length; i++)
            if (float.IsFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i;
        return best;
    }

    /// <summary>
    /// Predictive entropy −Σ p log p divided by log K (K = the number of classes), in [0, 1]: 0 when one class has all
    /// the probability, 1 when every class has 1/K; NaN when a probability is not finite or there are fewer than 2.
    /// </summary>
    public static double NormalisedEntropy(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length < 2) return double.NaN;
        var entropy = 0.0;
        foreach (var p in probabilities)
        {
            if (!float.IsFinite(p)) return double.NaN;
            if (p > 0) entropy -= p * Math.Log(p);
        }
        return Math.Clamp(entropy / Math.Log(probabilities.Length), 0, 1);
    }
}
