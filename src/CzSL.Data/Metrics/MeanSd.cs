using System.Globalization;

namespace CzSL.Data.Metrics;

/// <summary>Mean and sample standard deviation (n − 1) of repeated measurements, e.g. over folds.</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Sd">Sample standard deviation; 0 for a single value.</param>
/// <param name="Count">Number of values.</param>
public readonly record struct MeanSd(double Mean, double Sd, int Count)
{
    /// <summary>Summarises <paramref name="values"/> (at least one).</summary>
    public static MeanSd Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values to summarise.", nameof(values));
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MeanSd(mean, sd, values.Count);
    }

    /// <summary>"mean ± sd" with <paramref name="decimals"/> decimals, after multiplying by <paramref name="scale"/> (100 for percentages).</summary>
    public string Format(int decimals = 3, double scale = 1) =>
        string.Create(CultureInfo.InvariantCulture, $"{(Mean * scale).ToString("F" + decimals, CultureInfo.InvariantCulture)} ± {(Sd * scale).ToString("F" + decimals, CultureInfo.InvariantCulture)}");
}
