using CzSL.Data.Models;

namespace CzSL.Data.Tests;

/// <summary>The MC-dropout masks: fixed by the seed, inverted-dropout values, unbiased on average.</summary>
[TestClass]
public sealed class MonteCarloDropoutTests
{
    [TestMethod]
    public void The_same_seed_gives_the_same_masks_and_another_seed_or_layer_other_masks()
    {
        var settings = new MonteCarloDropout { Samples = 30, Seed = 5 };
        var a = settings.Masks(0, 64, 0.3);
        CollectionAssert.AreEqual(a, new MonteCarloDropout { Samples = 30, Seed = 5 }.Masks(0, 64, 0.3), "same seed, same layer");
        CollectionAssert.AreNotEqual(a, new MonteCarloDropout { Samples = 30, Seed = 6 }.Masks(0, 64, 0.3), "another seed");
        CollectionAssert.AreNotEqual(a, settings.Masks(1, 64, 0.3), "another layer");
        Assert.HasCount(30 * 64, a);
    }

    [TestMethod]
    public void Each_value_is_zero_or_one_over_the_keep_probability()
    {
        var masks = new MonteCarloDropout { Samples = 20, Seed = 1 }.Masks(0, 50, 0.25);
        var kept = (float)(1 / 0.75);
        Assert.IsTrue(masks.All(v => v == 0f || v == kept), string.Join(", ", masks.Distinct()));
        Assert.IsTrue(masks.Contains(0f) && masks.Contains(kept), "both values occur");
    }

    [TestMethod]
    [DataRow(0.3)]
    [DataRow(0.5)]
    public void Over_many_samples_the_mean_mask_is_one_and_the_dropped_share_is_p(double p)
    {
        // 200,000 values: the mean's sd is sqrt(p / (1 − p) / 200,000) ≤ 0.0023, so 0.01 is over 4 sd.
        var masks = new MonteCarloDropout { Samples = MonteCarloDropout.MaxSamples, Seed = 11 }.Masks(2, 200, p);
        Assert.AreEqual(1.0, masks.Average(v => (double)v), 0.01);
        Assert.AreEqual(p, masks.Count(v => v == 0) / (double)masks.Length, 0.005);
    }

    [TestMethod]
    public void Bad_settings_are_refused_with_a_clear_message()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MonteCarloDropout { Samples = 1 }.Validated());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MonteCarloDropout { Samples = MonteCarloDropout.MaxSamples + 1 }.Validated());
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MonteCarloDropout().Masks(0, 8, 0));
        StringAssert.Contains(e.Message, MonteCarloDropout.NeedsDropout);
        Assert.AreEqual("{\"samples\":30,\"seed\":7}", new MonteCarloDropout { Seed = 7 }.ToJson());
    }
}
