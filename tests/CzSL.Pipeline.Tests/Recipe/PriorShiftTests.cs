using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary>The recipe does not inherit the amateur pool's class balance, and runs without votes.</summary>
[TestClass]
public sealed class PriorShiftTests
{
    private static LabelledSet Set(params int[] labels) =>
        new(Enumerable.Range(0, labels.Length).ToArray(), labels, labels.Select(l => AmateurLabel.OneHot(l, 2).Target).ToArray());

    [TestMethod]
    public void TheExpertPriorIsLaplaceSmoothed()
    {
        var prior = ExpertPrior.Of(Set(0, 0, 0, 1), 2);
        Assert.AreEqual(4.0 / 6, prior[0], 1e-12);
        Assert.AreEqual(2.0 / 6, prior[1], 1e-12);
    }

    [TestMethod]
    public void WeightsMoveTheTrainingBalanceToThePrior()
    {
        // 8 ellipticals, 2 spirals; target prior ½ / ½: w = (0.5/0.8, 0.5/0.2) = (0.625, 2.5), weighted mean already 1.
        var train = Set(0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
        var weights = ExpertPrior.Weights(train, [0.5, 0.5]);
        Assert.AreEqual(0.625f, weights[0], 1e-6f);
        Assert.AreEqual(2.5f, weights[1], 1e-6f);
        Assert.AreEqual(8 * weights[0], 2 * weights[1], 1e-5f, "weighted class totals are equal, as the prior asks");
    }

    [TestMethod]
    public void OnlyOurPresetsMatchThePriorAndNeverOverTheRareClassBalance()
    {
        var expert = Set(0, 1, 1, 1);
        var train = Set(0, 0, 0, 1);
        var ours = new RecipeOptions { Preset = Preset.Small };
        var es = ExpertPrior.Apply(ours.ClassifierStage(Scenario.ES, 1, 1, null, fineTuning: false), ours, train, expert, 2);
        Assert.IsNotNull(es.ClassWeights);
        Assert.IsTrue(es.ClassWeights[1] > es.ClassWeights[0], "the spirals the pool lacks weigh more");
        var mg = ExpertPrior.Apply(ours.ClassifierStage(Scenario.MG, 1, 1, null, fineTuning: false), ours, train, expert, 2);
        Assert.IsNull(mg.ClassWeights, "MG keeps its balanced loss");
        Assert.AreEqual(ClassBalance.LossWeights, mg.Balance);
        var paper = new RecipeOptions { Preset = Preset.Paper };
        Assert.IsNull(ExpertPrior.Apply(paper.ClassifierStage(Scenario.ES, 1, 1, null, false), paper, train, expert, 2).ClassWeights);
    }

    [TestMethod]
    public void WithoutVotesTheTransferKeepsTheAmateurLabelsAndSaysSo()
    {
        var records = Enumerable.Range(0, 6).Select(i => new GalaxyRecord { Id = $"g{i}", Image = $"{i}.png", ExpertES = i % 2 == 0 ? "elliptical" : "spiral" }).ToList();
        var notes = new List<string>();
        var context = new RecipeContext
        {
            Store = TinyDataset.Store, Record = i => records[i], Validation = new StratifiedValidation(), Folder = Path.GetTempPath(), Note = notes.Add,
        };
        var data = new RecipeData(Scenario.ES, Set(0, 1), Set(1, 1, 0, 0) with { Indices = [2, 3, 4, 5] });
        var outcome = LabelTransfer.Run(new RecipeOptions(), context, data, RecipeSeeds.For(1, 0, Scenario.ES));
        Assert.IsNull(outcome.Labeller);
        CollectionAssert.AreEqual(data.Amateur.Labels, outcome.Relabelled.Labels);
        Assert.HasCount(1, notes);
        StringAssert.Contains(notes[0], "no expert-labelled galaxy has volunteer votes");
    }
}
