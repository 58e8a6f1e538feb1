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
}
