using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Active;
using CzSL.Pipeline.Tests.Transfer;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Tests.Active;

[TestClass]
public sealed class ActiveSelectorTests
{
    // ES shares are EL : (CW + ACW + EDGE); don't-know and merger votes do not count.
    private static readonly GalaxyRecord[] Hand =
    [
        Galaxy("g0", new VoteCounts(10, 0, 0, 0, 0, 0)), // margin 1
        Galaxy("g1", new VoteCounts(6, 4, 0, 0, 0, 0)),  // margin 0.2
        Galaxy("g2", new VoteCounts(5, 3, 2, 0, 0, 0)),  // margin 0
        Galaxy("g3", new VoteCounts(9, 1, 0, 0, 0, 0)),  // margin 0.8
        Galaxy("g4", new VoteCounts(4, 0, 0, 6, 0, 0)),  // margin 0.2
        Galaxy("g5", new VoteCounts(7, 0, 3, 0, 5, 0)),  // margin 0.4
    ];

    [TestMethod]
    public void LowestVoteMarginPicksTheMostBalancedVotesFirst()
    {
        var picks = new ActiveSelector(Scenario.ES).Next(Hand, [], 3, ActiveStrategy.VoteMargin, seed: 1);

        CollectionAssert.AreEqual(new[] { "g2", "g1", "g4" }, picks.Select(p => p.Id).ToArray(), "margin 0, then the two at 0.2 in pool order");
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, picks.Select(p => p.Rank).ToArray());
        Assert.AreEqual(0.0, picks[0].Margin!.Value, 1e-12);
        Assert.AreEqual(0.2, picks[2].Margin!.Value, 1e-12);
        Assert.AreEqual(0.5, picks[0].ExpectedGain, 1e-12, "5 : 5 votes: the majority is wrong half the time");
        Assert.AreEqual(0.4, picks[1].ExpectedGain, 1e-12, "6 : 4 votes");
    }

    [TestMethod]
    public void LabelledGalaxiesAreNeverPickedAgain()
    {
        var picks = new ActiveSelector(Scenario.ES).Next(Hand, [2, 1], 3, ActiveStrategy.VoteMargin, seed: 1);

        CollectionAssert.AreEqual(new[] { "g4", "g5", "g3" }, picks.Select(p => p.Id).ToArray());
        Assert.AreEqual(4, new ActiveSelector(Scenario.ES).Next(Hand, [2, 1], 10, ActiveStrategy.FirstRows, 1).Count, "only 4 unlabelled");
    }

    [TestMethod]
    public void VoteSharesFollowTheScenarioClasses()
    {
        var edgeOnly = Galaxy("e", new VoteCounts(0, 0, 0, 8, 2, 0));
        CollectionAssert.AreEqual(new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, VoteMargin.Shares(edgeOnly, Scenario.ERL), "no ERL class named: uniform");
        CollectionAssert.AreEqual(new[] { 0.0, 1.0 }, VoteMargin.Shares(edgeOnly, Scenario.ES));
        CollectionAssert.AreEqual(new[] { 0.75, 0.25 }, VoteMargin.Shares(Galaxy("m", new VoteCounts(3, 0, 0, 0, 3, 2)), Scenario.MG));
        Assert.ThrowsExactly<ArgumentException>(() => VoteMargin.Shares(new GalaxyRecord { Id = "none" }, Scenario.ES));
    }

    [TestMethod]
    public void RandomPicksAreReproducibleWithTheSameSeedOnly()
    {
        var pool = BiasedVotes.Make(200, seed: 5);
        var selector = new ActiveSelector(Scenario.ES);

        var a = selector.Next(pool, [0, 1], 20, ActiveStrategy.Random, seed: 7).Select(p => p.Index).ToArray();
        var b = selector.Next(pool, [0, 1], 20, ActiveStrategy.Random, seed: 7).Select(p => p.Index).ToArray();
        var c = selector.Next(pool, [0, 1], 20, ActiveStrategy.Random, seed: 8).Select(p => p.Index).ToArray();

        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c, "another seed draws other galaxies");
        Assert.AreEqual(20, a.Distinct().Count());
        Assert.IsFalse(a.Contains(0) || a.Contains(1));
    }

    [TestMethod]
    public void UncertaintyPicksTheSmallestMarginsOfTheModelFittedOnTheLabelledGalaxies()
    {
        var pool = BiasedVotes.Make(300, seed: 6);
        int[] labelled = [.. Enumerable.Range(0, 60)];
        var picks = new ActiveSelector(Scenario.ES).Next(pool, labelled, 15, ActiveStrategy.Uncertainty, seed: 3);

        // Independent expectation: refit the same model on the labelled galaxies and rank the others by |p1 − p0|.
        var model = new TransferMethod(TransferKind.LbfgsMaxEnt).Create(3);
        model.Fit([.. labelled.Select(i => pool[i])], Scenario.ES);
        var candidates = Enumerable.Range(60, 240).ToArray();
        var p = model.PredictProba([.. candidates.Select(i => pool[i])]);
        var expected = candidates.Select((i, k) => (i, m: Math.Abs(p[k][1] - p[k][0]))).OrderBy(t => t.m).ThenBy(t => t.i).Take(15).Select(t => t.i).ToArray();

        CollectionAssert.AreEqual(expected, picks.Select(q => q.Index).ToArray());
        Assert.IsTrue(picks.All(q => q.Strategy == ActiveStrategy.Uncertainty));
        var randomMargin = new ActiveSelector(Scenario.ES).Next(pool, labelled, 15, ActiveStrategy.Random, 3)
            .Average(q => { var k = Array.IndexOf(candidates, q.Index); return Math.Abs(p[k][1] - p[k][0]); });
        Assert.IsTrue(picks.Average(q => q.Margin!.Value) < randomMargin, "uncertain picks have smaller margins than random ones");
    }

    [TestMethod]
    public void CommitteeAndDiversityAreReproducibleAndExplainTheirPicks()
    {
        var pool = BiasedVotes.Make(300, seed: 8);
        int[] labelled = [.. Enumerable.Range(0, 60)];
        var selector = new ActiveSelector(Scenario.ES);
        foreach (var strategy in new[] { ActiveStrategy.Committee, ActiveStrategy.Diversity })
        {
            var a = selector.Next(pool, labelled, 10, strategy, seed: 2);
            var b = selector.Next(pool, labelled, 10, strategy, seed: 2);
            CollectionAssert.AreEqual(a.Select(p => p.Index).ToArray(), b.Select(p => p.Index).ToArray(), strategy.Name());
            Assert.AreEqual(10, a.Select(p => p.Index).Distinct().Count());
            Assert.IsTrue(a.All(p => p.Index >= 60 && p.Strategy == strategy), strategy.Name());
            Assert.IsTrue(a.All(p => Math.Abs(p.ExpectedGain - (1 - p.Probability!.Value)) < 1e-12));
        }
        var committee = selector.Next(pool, labelled, 10, ActiveStrategy.Committee, 2);
        var kl = committee.Select(p => p.Disagreement!.Value).ToArray();
        CollectionAssert.AreEqual(kl.OrderByDescending(v => v).ToArray(), kl, "most disagreement first");
        Assert.IsTrue(kl[0] > 0);
    }

    [TestMethod]
    public void ModelStrategiesFallBackToVoteMarginWithoutLabelsOfEveryClass()
    {
        var unlabelled = Hand.Select(g => g with { ExpertES = null }).ToArray();
        var suggestion = Suggestion.For(unlabelled, Scenario.ES, 3, ActiveStrategy.Uncertainty, seed: 1);

        Assert.IsTrue(suggestion.FellBack);
        Assert.AreEqual(ActiveStrategy.VoteMargin, suggestion.Used);
        Assert.AreEqual(0, suggestion.Labelled);
        CollectionAssert.AreEqual(new[] { "g2", "g1", "g4" }, suggestion.Picks.Select(p => p.Id).ToArray());

        var onlyEllipticals = unlabelled.Select((g, i) => i == 0 ? g with { ExpertES = "elliptical" } : g).ToArray();
        Assert.IsTrue(Suggestion.For(onlyEllipticals, Scenario.ES, 3, ActiveStrategy.Committee, 1).FellBack, "one class only: no model");
    }

    [TestMethod]
    public void SuggestionsCsvHasOneRowPerPickWithItsReason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"czsl-suggest-{Guid.NewGuid():N}.csv");
        try
        {
            Suggestion.For(Hand.Select(g => g with { ExpertES = null }).ToArray(), Scenario.ES, 2, ActiveStrategy.VoteMargin, 1).Write(path);
            var lines = File.ReadAllLines(path);
            Assert.AreEqual("rank,id,strategy,reason,probability,margin,disagreement,expected_gain,uncertainty", lines[0]);
            Assert.AreEqual("1,g2,vote-margin,volunteer votes split: margin 0.000,0.500000,0.000000,,0.500000,", lines[1], "no CNN: no uncertainty");
            Assert.AreEqual("2,g1,vote-margin,volunteer votes split: margin 0.200,0.600000,0.200000,,0.400000,", lines[2]);
            Assert.HasCount(3, lines);
        }
        finally { File.Delete(path); }
    }

    private static GalaxyRecord Galaxy(string id, VoteCounts votes) => new() { Id = id, Votes = votes, ExpertES = "spiral" };
}
