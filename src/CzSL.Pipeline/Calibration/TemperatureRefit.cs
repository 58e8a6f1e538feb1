using CzSL.Data.Metrics;
using CzSL.Data.Splits;

namespace CzSL.Pipeline.Calibration;

/// <summary>How calibrated a classifier's probabilities softmax(logits / T) are on labelled galaxies, at one T.</summary>
/// <param name="NegativeLogLikelihood">Mean −log p(true class) (<see cref="TemperatureScaling.NegativeLogLikelihood"/>).</param>
/// <param name="ExpectedCalibrationError">Top-class ECE (<see cref="ClassificationMetrics.ExpectedCalibrationError"/>).</param>
public sealed record CalibrationScore(double NegativeLogLikelihood, double ExpectedCalibrationError)
{
    /// <summary>The score of <paramref name="logits"/> divided by <paramref name="temperature"/> against <paramref name="labels"/>.</summary>
    public static CalibrationScore Of(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var probabilities = logits.Select(z => TemperatureScaling.Softmax(z, temperature)).ToArray();
        return new(TemperatureScaling.NegativeLogLikelihood(logits, TemperatureRefit.OneHot(logits, labels), temperature),
            ClassificationMetrics.ExpectedCalibrationError(labels, probabilities));
    }

    /// <summary>The mean of two scores (e.g. of two halves of a set).</summary>
    public static CalibrationScore Mean(CalibrationScore a, CalibrationScore b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new((a.NegativeLogLikelihood + b.NegativeLogLikelihood) / 2, (a.ExpectedCalibrationError + b.ExpectedCalibrationError) / 2);
    }
}

/// <summary>
/// A network's temperature refitted on labelled galaxies (temperature scaling, <see cref="TemperatureScaling.Fit"/>),
/// with the in-sample scores before and after and an out-of-sample estimate by 2-fold cross-fitting: T is fitted on a
/// seeded stratified half and scored on the other half, and vice versa (the in-sample ECE after fitting is optimistic).
/// A fit at a bound of the search (<see cref="TemperatureScaling.IsAtBound"/>) keeps the model's temperature, in the
/// full fit and in each half.
/// </summary>
/// <param name="Count">Labelled galaxies.</param>
/// <param name="ModelTemperature">The temperature the network had.</param>
/// <param name="FittedTemperature">What the fit on all galaxies found (possibly at a bound).</param>
/// <param name="Temperature">The temperature to use: the fitted one, or the model's when the fit is at a bound.</param>
/// <param name="Before">In-sample score at the model's temperature.</param>
/// <param name="After">In-sample score at <paramref name="Temperature"/> (optimistic: fitted on the same galaxies).</param>
/// <param name="CrossFittedBefore">Mean over the two halves of the score at the model's temperature.</param>
/// <param name="CrossFittedAfter">Mean over the two halves of the score at the temperature fitted on the other half.</param>
/// <param name="HalfTemperatures">The temperature each half's fit gave (bounds replaced by the model's), first half first.</param>
public sealed record TemperatureRefit(int Count, double ModelTemperature, double FittedTemperature, double Temperature,
    CalibrationScore Before, CalibrationScore After, CalibrationScore CrossFittedBefore, CalibrationScore CrossFittedAfter,
    IReadOnlyList<double> HalfTemperatures)
{
    /// <summary>Fewest labelled galaxies a refit accepts: below it even the two halves of the cross-fit are too small to say anything.</summary>
    public const int MinimumGalaxies = 20;

    /// <summary>True when the fit on all galaxies hit a bound of the search, so the model's temperature was kept.</summary>
    public bool AtBound => TemperatureScaling.IsAtBound(FittedTemperature);

    /// <summary>Refits the temperature of a network whose <paramref name="logits"/> on galaxies of classes <paramref name="labels"/> are given.</summary>
    /// <param name="logits">One row of logits per galaxy.</param>
    /// <param name="labels">The class index of each galaxy.</param>
    /// <param name="modelTemperature">The network's current temperature.</param>
    /// <param name="seed">Seed of the stratified halves.</param>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumGalaxies"/> galaxies, a single class, counts differ or a label is out of range.</exception>
    public static TemperatureRefit Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double modelTemperature, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        TemperatureScaling.CheckTemperature(modelTemperature);
        if (logits.Count != labels.Count) throw new ArgumentException($"{logits.Count} logit rows but {labels.Count} labels.", nameof(labels));
        if (logits.Count < MinimumGalaxies)
            throw new ArgumentException($"{logits.Count} labelled galaxies; a temperature refit needs at least {MinimumGalaxies}.", nameof(logits));
        if (labels.Distinct().Count() < 2)
            throw new ArgumentException($"All {labels.Count} labelled galaxies are of one class; a temperature cannot be fitted on a single class.", nameof(labels));

        double Refit(IReadOnlyList<float[]> z, IReadOnlyList<int> y)
        {
            var t = TemperatureScaling.Fit(z, OneHot(z, y));
            return TemperatureScaling.IsAtBound(t) ? modelTemperature : t;
        }
        var fitted = TemperatureScaling.Fit(logits, OneHot(logits, labels));
        var temperature = TemperatureScaling.IsAtBound(fitted) ? modelTemperature : fitted;

        var halves = StratifiedSplit.Split(labels, (0.5, 0, 0.5), seed);
        var temperatures = new List<double>();
        var before = new List<CalibrationScore>();
        var after = new List<CalibrationScore>();
        foreach (var (fitOn, scoreOn) in new[] { (halves.Train, halves.Test), (halves.Test, halves.Train) })
        {
            var t = Refit(Take(logits, fitOn), Take(labels, fitOn));
            temperatures.Add(t);
            before.Add(CalibrationScore.Of(Take(logits, scoreOn), Take(labels, scoreOn), modelTemperature));
            after.Add(CalibrationScore.Of(Take(logits, scoreOn), Take(labels, scoreOn), t));
        }
        return new TemperatureRefit(logits.Count, modelTemperature, fitted, temperature,
            CalibrationScore.Of(logits, labels, modelTemperature), CalibrationScore.Of(logits, labels, temperature),
            CalibrationScore.Mean(before[0], before[1]), CalibrationScore.Mean(after[0], after[1]), temperatures);
    }

    /// <summary>
    /// A binary classifier's p(class 1) threshold chosen at temperature <paramref name="from"/>, moved so that it takes the
    /// same decisions at temperature <paramref name="to"/>: p &gt; θ ⇔ z₁ − z₀ &gt; T·logit(θ), so θ' = σ(logit(θ)·T/T').
    /// </summary>
    public static double MoveThreshold(double threshold, double from, double to)
    {
        TemperatureScaling.CheckTemperature(from);
        TemperatureScaling.CheckTemperature(to);
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must lie in (0, 1).");
        var margin = Math.Log(threshold / (1 - threshold)) * from / to;
        return 1 / (1 + Math.Exp(-margin));
    }

    /// <summary>One-hot target rows for <paramref name="labels"/>, as wide as the logits.</summary>
    internal static float[][] OneHot(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels) =>
        labels.Select((label, i) =>
        {
            var row = new float[logits[i].Length];
            if (label < 0 || label >= row.Length) throw new ArgumentException($"Row {i}: label {label} is not one of the {row.Length} classes.", nameof(labels));
            row[label] = 1;
            return row;
        }).ToArray();

    private static T[] Take<T>(IReadOnlyList<T> items, int[] rows) => rows.Select(i => items[i]).ToArray();
}
