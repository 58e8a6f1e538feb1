using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Active;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Tests.Paper;
using CzSL.Pipeline.Tests.Transfer;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Tests.Active;

[TestClass]
public sealed class ActiveBenchmarkTests
{
    [TestMethod]
    public void EveryFigureIsRecomputedFromItsOwnPicks()
    {
        var records = BiasedVotes.Make(1000, seed: 4, folds: 5);
        var options = new ActiveBenchmarkOptions
        {
            Scenarios = [Scenario.ES],
            Folds = [2],
            Budgets = [0.02, 0.05],
            Strategies = [ActiveStrategy.FirstRows, ActiveStrategy.Random, ActiveStrategy.VoteMargin, ActiveStrategy.Uncertainty],
            RandomSeeds = 2,
            ModelSeeds = 1,
        };

        var result = ActiveBenchmark.Run(records, [], options);

        // Pool: the 800 galaxies outside fold 2 → 16 and 40 labels; 1 + 2 + 1 + 1 runs × 2 budgets.
        Assert.HasCount(10, result.Scores);
        var pool = records.Where(r => r.Fold != 2).OrderBy(r => r.Fold).ThenBy(r => r.Order).ToArray();
        var test = records.Where(r => r.Fold == 2).OrderBy(r => r.Order).ToArray();
        var byId = pool.ToDictionary(r => r.Id);
        foreach (var score in result.Scores)
        {
            Assert.HasCount(score.Budget == 0.02 ? 16 : 40, score.PickedIds);
            var labelled = score.PickedIds.Select(id => byId[id]).ToArray();
            var refit = TransferredLabeller.Fit(new TransferMethod(TransferKind.LbfgsMaxEnt).Create(options.Seed + 2), labelled, Scenario.ES);
            Assert.AreEqual(refit.Evaluate(test).Accuracy, score.Accuracy, 1e-12, $"{score.Strategy.Name()} seed {score.Seed} at {score.Budget:P0}");
            Assert.IsTrue(score.Fitted);
        }
        var first = result.Scores.Single(s => s.Strategy == ActiveStrategy.FirstRows && s.Budget == 0.05);
        CollectionAssert.AreEqual(pool.Take(40).Select(r => r.Id).ToArray(), first.PickedIds.ToArray(), "the paper's first rows");
        // Vote margin recomputed by hand from the counts: |EL − spiral| / (EL + spiral), ties in pool order.
        var margins = pool.Select((r, i) => (r.Id, i, m: Math.Abs(r.Votes!.Value.Elliptical - r.Votes.Value.Spiral) / (double)(r.Votes.Value.Elliptical + r.Votes.Value.Spiral)));
        var byMargin = result.Scores.Single(s => s.Strategy == ActiveStrategy.VoteMargin && s.Budget == 0.05);
        CollectionAssert.AreEqual(margins.OrderBy(t => t.m).ThenBy(t => t.i).Take(40).Select(t => t.Id).ToArray(), byMargin.PickedIds.ToArray());
        foreach (var run in result.Scores.GroupBy(s => (s.Strategy, s.Seed)))
        {
            var small = run.Single(s => s.Budget == 0.02).PickedIds;
            CollectionAssert.AreEqual(small.ToArray(), run.Single(s => s.Budget == 0.05).PickedIds.Take(16).ToArray(), "a smaller budget is a prefix");
        }
        var randoms = result.Scores.Where(s => s.Strategy == ActiveStrategy.Random && s.Budget == 0.05).ToArray();
        CollectionAssert.AreNotEqual(randoms[0].PickedIds.ToArray(), randoms[1].PickedIds.ToArray(), "two random seeds");
        var summary = result.Summary(Scenario.ES, ActiveStrategy.Random, 0.05, s => s.Accuracy)!.Value;
        Assert.AreEqual(randoms.Average(s => s.Accuracy), summary.Mean, 1e-12);
        Assert.AreEqual(2, summary.Count);
        StringAssert.Contains(result.ToMarkdown(), "| strategy | 2% | 5% |");
    }

    [TestMethod]
    public void PicksMissingAClassScoreTheMajorityClassAndAreMarked()
    {
        var records = BiasedVotes.Make(500, seed: 9, folds: 5);
        var result = ActiveBenchmark.Run(records, [], new ActiveBenchmarkOptions
        {
            Scenarios = [Scenario.ES],
            Folds = [1],
            Budgets = [0.0025],
            Strategies = [ActiveStrategy.FirstRows],
        });

        var score = result.Scores.Single();
        Assert.HasCount(1, score.PickedIds, "0.25% of 400 = 1 galaxy");
        Assert.IsFalse(score.Fitted);
        var only = records.Single(r => r.Id == score.PickedIds[0]).ExpertES;
        var test = records.Where(r => r.Fold == 1).ToArray();
        Assert.AreEqual(test.Count(r => r.ExpertES == only) / (double)test.Length, score.Accuracy, 1e-12);
        StringAssert.Contains(result.ToMarkdown(), "*");
    }

    [TestMethod]
    public void FirstRowsAtFivePercentIsThePapersLabelledSetOnTheRealTables()
    {
        var paper = PaperTables.Load(SharedData.Require("czsl-paper"));
        var active = ActiveBenchmark.Run(paper.Esrl.Records, paper.Mg.Records, new ActiveBenchmarkOptions
        {
            Scenarios = [Scenario.ES],
            Folds = [1],
            Budgets = [0.05],
            Strategies = [ActiveStrategy.FirstRows],
        });
        var reference = TransferBenchmark.Run(paper.Esrl.Records, paper.Mg.Records, new TransferBenchmarkOptions
        {
            Methods = [new TransferMethod(TransferKind.LbfgsMaxEnt)],
            Scenarios = [Scenario.ES],
            Folds = [1],
        });

        var score = active.Scores.Single();
        Assert.AreEqual(reference.Splits.Single().L, score.PickedIds.Count);
        Assert.AreEqual(reference.Scores.Single(s => s.Set == "test").Accuracy, score.Accuracy, 1e-12);
    }
}
