using CzSL.Data.Metrics;
using CzSL.Pipeline.Calibration;

namespace CzSL.Pipeline.Tests.Calibration;

/// <summary>
/// <see cref="TemperatureRefit"/>: on logits 4× too sharp (labels drawn from softmax(u), logits 4u) it finds T ≈ 4 and
/// lowers the cross-fitted ECE; a perfectly separated set keeps the model's T; too few galaxies or one class are
/// refused; a moved binary threshold takes the same decisions at the new T.
/// </summary>
[TestClass]
public sealed class TemperatureRefitTests
{
    // Labels drawn from softmax(u); logits = sharpness · u: the calibrating temperature is the sharpness.
    private static (float[][] Logits, int[] Labels) Sample(int n, double sharpness, int seed)
    {
        var random = new Random(seed);
        var logits = new float[n][];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var u = new[] { random.NextDouble() * 3 - 1.5, random.NextDouble() * 3 - 1.5, random.NextDouble() * 3 - 1.5 };
            var p = TemperatureScaling.Softmax([.. u.Select(v => (float)v)], 1);
            var draw = random.NextDouble();
            labels[i] = draw < p[0] ? 0 : draw < p[0] + p[1] ? 1 : 2;
            logits[i] = [.. u.Select(v => (float)(v * sharpness))];
        }
        return (logits, labels);
    }

    [TestMethod]
    public void Logits_four_times_too_sharp_get_T_near_four_and_a_lower_cross_fitted_ece()
    {
        var (logits, labels) = Sample(3000, 4, 1);
        var refit = TemperatureRefit.Fit(logits, labels, 1, seed: 7);

        Assert.AreEqual(4, refit.Temperature, 0.4, "the temperature undoes the sharpening");
        Assert.AreEqual(refit.FittedTemperature, refit.Temperature);
        Assert.AreEqual(3000, refit.Count);
        Assert.HasCount(2, refit.HalfTemperatures);
        foreach (var t in refit.HalfTemperatures) Assert.AreEqual(4, t, 0.6, "each half finds it too");
        Assert.IsLessThan(refit.CrossFittedBefore.ExpectedCalibrationError / 2, refit.CrossFittedAfter.ExpectedCalibrationError);
        Assert.IsLessThan(refit.CrossFittedBefore.NegativeLogLikelihood, refit.CrossFittedAfter.NegativeLogLikelihood);
        Assert.AreEqual(TemperatureScaling.NegativeLogLikelihood(logits, [.. labels.Select(l => OneHot(l, 3))], 1), refit.Before.NegativeLogLikelihood, 1e-12);
        Assert.AreEqual(TemperatureScaling.NegativeLogLikelihood(logits, [.. labels.Select(l => OneHot(l, 3))], refit.Temperature), refit.After.NegativeLogLikelihood, 1e-12);
    }

    [TestMethod]
    public void Calibrated_logits_keep_T_near_one_and_the_cross_fit_shows_no_gain()
    {
        var (logits, labels) = Sample(3000, 1, 2);
        var refit = TemperatureRefit.Fit(logits, labels, 1, seed: 7);
        Assert.AreEqual(1, refit.Temperature, 0.15);
        Assert.AreEqual(refit.CrossFittedBefore.ExpectedCalibrationError, refit.CrossFittedAfter.ExpectedCalibrationError, 0.02,
            "negative control: nothing to correct, the held-out ECE barely moves");
    }

    [TestMethod]
    public void A_perfectly_separated_set_keeps_the_models_temperature()
    {
        var logits = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? new float[] { 5, 0 } : [0, 5]).ToArray();
        var labels = Enumerable.Range(0, 40).Select(i => i % 2).ToArray();
        var refit = TemperatureRefit.Fit(logits, labels, 1.7, seed: 1);
        Assert.IsTrue(refit.AtBound, $"fitted {refit.FittedTemperature}");
        Assert.AreEqual(1.7, refit.Temperature);
        CollectionAssert.AreEqual(new[] { 1.7, 1.7 }, refit.HalfTemperatures.ToArray());
    }

    [TestMethod]
    public void Too_few_galaxies_or_a_single_class_are_refused()
    {
        var (logits, labels) = Sample(TemperatureRefit.MinimumGalaxies - 1, 2, 3);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => TemperatureRefit.Fit(logits, labels, 1, 1)).Message, "at least 20");
        var (more, _) = Sample(50, 2, 4);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => TemperatureRefit.Fit(more, new int[50], 1, 1)).Message, "one class");
        (logits, labels) = Sample(TemperatureRefit.MinimumGalaxies, 2, 3);
        Assert.AreEqual(TemperatureRefit.MinimumGalaxies, TemperatureRefit.Fit(logits, labels, 1, 1).Count, "the minimum itself is accepted");
    }

    [TestMethod]
    public void A_moved_threshold_takes_the_same_decisions_at_the_new_temperature()
    {
        var random = new Random(5);
        const double threshold = 0.3, from = 1, to = 2.5;
        var moved = TemperatureRefit.MoveThreshold(threshold, from, to);
        var unmovedDiffers = false;
        for (var i = 0; i < 2000; i++)
        {
            float[] z = [(float)(random.NextDouble() * 8 - 4), (float)(random.NextDouble() * 8 - 4)];
            var before = TemperatureScaling.Softmax(z, from)[1] > threshold;
            Assert.AreEqual(before, TemperatureScaling.Softmax(z, to)[1] > moved, $"logits {z[0]}, {z[1]}");
            unmovedDiffers |= before != TemperatureScaling.Softmax(z, to)[1] > threshold;
        }
        Assert.IsTrue(unmovedDiffers, "negative control: the same threshold at the new T decides otherwise");
        Assert.AreEqual(0.5, TemperatureRefit.MoveThreshold(0.5, 1, 3), 1e-15, "0.5 (logit 0) stays");
    }

    private static float[] OneHot(int label, int classes)
    {
        var row = new float[classes];
        row[label] = 1;
        return row;
    }
}
