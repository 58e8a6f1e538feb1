using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Active;

namespace CzSL.Pipeline.Tests.Active;

[TestClass]
public sealed class CnnSelectorTests
{
    // Three ERL-like classes where entropy and margin disagree (normalised entropy = −Σ p ln p / ln 3, by hand):
    // a: margin 0,    entropy 0.631;  b: margin 0.1,  entropy 0.991;  c: margin 0.85, entropy 0.358;  d: margin 0.4, entropy 0.865.
    private static readonly CnnCandidate[] Hand =
    [
        Candidate(0, "a", 0.5f, 0.5f, 0f),
        Candidate(1, "b", 0.4f, 0.3f, 0.3f),
        Candidate(2, "c", 0.9f, 0.05f, 0.05f),
        Candidate(3, "d", 0.6f, 0.2f, 0.2f),
    ];

    [TestMethod]
    public void EntropyAndMarginRankTheHandComputedOrders()
    {
        var selector = new CnnSelector();

        var entropy = selector.Next(Hand, 4, ActiveStrategy.CnnEntropy, seed: 1);
        var margin = selector.Next(Hand, 3, ActiveStrategy.CnnMargin, seed: 1);

        CollectionAssert.AreEqual(new[] { "b", "d", "a", "c" }, entropy.Select(p => p.Id).ToArray());
        CollectionAssert.AreEqual(new[] { "a", "b", "d" }, margin.Select(p => p.Id).ToArray());
        Assert.AreEqual(0.991, entropy[0].Uncertainty!.Value, 5e-4);
        Assert.AreEqual(0.4, entropy[0].Probability!.Value, 1e-6, "p of the current label (class 0)");
        Assert.AreEqual(0.6, entropy[0].ExpectedGain, 1e-6, "1 − max p");
        Assert.AreEqual(0.1, entropy[0].Margin!.Value, 1e-6);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, margin.Select(p => p.Rank).ToArray());
        StringAssert.StartsWith(Suggestion.Reason(entropy[0]), "CNN unsure: p 0.400, entropy 0.99");
        StringAssert.StartsWith(Suggestion.Reason(margin[0]), "CNN unsure: p 0.500, margin 0.000");
    }

    [TestMethod]
    public void ASeedReordersOnlyTies()
    {
        // Four groups of three galaxies with equal probabilities, in a scrambled pool order.
        float[] levels = [0.5f, 0.6f, 0.7f, 0.8f];
        var pool = Enumerable.Range(0, 12).Select(i => Candidate(i, $"g{i}", levels[(i * 7) % 4], 1 - levels[(i * 7) % 4])).ToArray();
        var selector = new CnnSelector();
        var orders = Enumerable.Range(1, 12).Select(seed => selector.Next(pool, 12, ActiveStrategy.CnnEntropy, (ulong)seed)).ToArray();

        CollectionAssert.AreEqual(orders[0].Select(p => p.Id).ToArray(), selector.Next(pool, 12, ActiveStrategy.CnnEntropy, 1).Select(p => p.Id).ToArray(), "same seed, same picks");
        var scores = orders[0].Select(p => p.Uncertainty).ToArray();
        foreach (var order in orders)
        {
            CollectionAssert.AreEqual(scores, order.Select(p => p.Uncertainty).ToArray(), "every seed gives the same scores in the same ranks");
            for (var g = 0; g < 4; g++)
                CollectionAssert.AreEquivalent(orders[0].Skip(3 * g).Take(3).Select(p => p.Id).ToArray(), order.Skip(3 * g).Take(3).Select(p => p.Id).ToArray(),
                    "a seed moves galaxies only within their tie group");
        }
        Assert.IsTrue(orders.Select(o => string.Join(',', o.Select(p => p.Id))).Distinct().Count() > 1, "the seed does break ties (negative control)");
    }

    [TestMethod]
    public void HybridTradesEntropyForDistanceToTheLabelledAndPickedGalaxies()
    {
        // Labelled galaxy at x = 0. Two classes: H(0.5) = 1, H(0.6) = 0.971, H(0.9) = 0.469.
        var pool = new[]
        {
            Candidate(0, "A", 0.5f, 0.5f), Candidate(1, "B", 0.6f, 0.4f), Candidate(2, "C", 0.6f, 0.4f), Candidate(3, "D", 0.9f, 0.1f),
        };
        var space = new LineEmbedding(new Dictionary<string, float> { ["A"] = 0.1f, ["B"] = 5f, ["C"] = 5.2f, ["D"] = 10f, ["L"] = 0f });

        var picks = new CnnSelector().Next(pool, 3, ActiveStrategy.CnnHybrid, seed: 1, space, ["L"]);

        // By hand: C 0.971 × 5.2 = 5.05 (B 4.85, D 4.69, A 0.1); then D 0.469 × 4.8 = 2.25 (B 0.971 × 0.2, A 0.1);
        // then B 0.971 × 0.2 = 0.194 over A 1 × 0.1. Entropy alone would take A first.
        CollectionAssert.AreEqual(new[] { "C", "D", "B" }, picks.Select(p => p.Id).ToArray());
        Assert.IsTrue(space.Seen.Contains("L"), "the labelled galaxy was embedded");
        StringAssert.Contains(Suggestion.Reason(picks[0]), "embedding space");
        Assert.AreEqual("A", new CnnSelector().Next(pool, 1, ActiveStrategy.CnnEntropy, 1)[0].Id);
    }

    [TestMethod]
    public void BaldRanksByMutualInformationAndReportsItAsTheDisagreement()
    {
        // The hand-made galaxies with MC-dropout mutual informations chosen to rank unlike their entropies (b, d, a, c).
        float[] information = [0.01f, 0.02f, 0.30f, 0.05f];
        var pool = Hand.Select((c, i) => c with { Prediction = c.Prediction with { Epistemic = information[i] } }).ToArray();

        var picks = new CnnSelector().Next(pool, 3, ActiveStrategy.CnnBald, seed: 1);

        CollectionAssert.AreEqual(new[] { "c", "d", "b" }, picks.Select(p => p.Id).ToArray());
        Assert.AreEqual(0.30, picks[0].Disagreement!.Value, 1e-6);
        Assert.AreEqual(0.1, picks[0].ExpectedGain, 1e-6, "1 − max p, as for the other strategies");
        StringAssert.StartsWith(Suggestion.Reason(picks[0]), "CNN's dropout samples disagree: mutual information 0.300 nats");
        var e = Assert.ThrowsExactly<ArgumentException>(() => new CnnSelector().Next(Hand, 2, ActiveStrategy.CnnBald, 1));
        StringAssert.Contains(e.Message, "--mc-dropout");
    }

    [TestMethod]
    public void VoteStrategiesAndAHybridWithoutEmbeddingAreRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CnnSelector().Next(Hand, 2, ActiveStrategy.VoteMargin, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new CnnSelector().Next(Hand, 2, ActiveStrategy.CnnHybrid, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new ActiveSelector(CzSL.Data.Scenario.ES).Next([], [], 1, ActiveStrategy.CnnEntropy, 1));
        Assert.IsFalse(ActiveStrategies.WithoutImages.Any(s => s.NeedsImages()));
        Assert.ThrowsExactly<ArgumentException>(() => ActiveStrategies.ParseWithoutImages("cnn-margin"));
        Assert.ThrowsExactly<ArgumentException>(() => ActiveBenchmark.Run([], [], new ActiveBenchmarkOptions { Strategies = [ActiveStrategy.CnnEntropy] }));
    }

    private static CnnCandidate Candidate(int index, string id, params float[] p) =>
        new(index, GalaxyPrediction.FromProbabilities(new ImageInput(id, id), p, [.. p.Select((_, c) => $"c{c}")]));

    /// <summary>Images placed on a line by name.</summary>
    private sealed class LineEmbedding(Dictionary<string, float> x) : IImageEmbedding
    {
        public HashSet<string> Seen { get; } = [];

        public IReadOnlyList<float[]> Embed(IReadOnlyList<string> imagePaths)
        {
            Seen.UnionWith(imagePaths);
            return [.. imagePaths.Select(p => new[] { x[p] })];
        }
    }
}
