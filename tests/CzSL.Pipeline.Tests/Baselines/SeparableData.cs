namespace CzSL.Pipeline.Tests.Baselines;

/// <summary>Gaussian clusters in a few dimensions, far enough apart that any sensible classifier exceeds 90% accuracy.</summary>
internal static class SeparableData
{
    public static (float[][] Features, int[] Labels) Clusters(int classCount, int perClass, int dimensions, int seed, double spread = 0.6)
    {
        var random = new Random(seed);
        var features = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < perClass; i++)
        for (var c = 0; c < classCount; c++)
        {
            var row = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
                row[d] = (float)((d % classCount == c ? 3.0 : 0.0) + spread * Normal(random));
            features.Add(row);
            labels.Add(c);
        }
        return (features.ToArray(), labels.ToArray());
    }

    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted) =>
        truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
