using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Tests.Transfer;

[TestClass]
public sealed class LabelTransferTests
{
    private static double Accuracy(ILabelTransfer method, GalaxyRecord[] train, GalaxyRecord[] test)
    {
        var labeller = TransferredLabeller.Fit(method, train, Scenario.ES);
        return labeller.Evaluate(test).Accuracy;
    }

    [TestMethod]
    public void An_empty_set_to_relabel_gives_no_rows()
    {
        // Real data: every galaxy with votes may be expert-labelled, leaving no amateur galaxy with votes to relabel.
        var train = BiasedVotes.Make(200, seed: 4);
        foreach (var method in new ILabelTransfer[] { new MlNetLabelTransfer(), new MlpLabelTransfer(new MlpOptions { Seed = 1 }), new NoneLabelTransfer() })
        {
            method.Fit(train, Scenario.ES);
            Assert.AreEqual(0, method.PredictProba([]).Length, method.Name);
        }
    }

    [TestMethod]
    public void TransferBeatsRawVotesWhenFaintSpiralsAreUnderVoted()
    {
        var train = BiasedVotes.Make(600, seed: 1);
        var test = BiasedVotes.Make(3000, seed: 2);

        var none = Accuracy(new NoneLabelTransfer(), train, test);
        var mlp = Accuracy(new MlpLabelTransfer(new MlpOptions { Seed = 3, Restarts = 3, Output = MlpOutput.Softmax }), train, test);
        var lbfgs = Accuracy(new MlNetLabelTransfer(), train, test);
        var forest = Accuracy(new MlNetLabelTransfer(new MlNetTransferOptions { Trainer = MlNetTransferTrainer.FastForest }), train, test);

        Assert.IsTrue(none is > 0.6 and < 0.72, $"raw majority should miss the faint third of spirals: {none:P1}");
        Assert.IsTrue(mlp > none + 0.2, $"mlp {mlp:P1} vs raw {none:P1}");
        Assert.IsTrue(lbfgs > none + 0.2, $"lbfgs {lbfgs:P1} vs raw {none:P1}");
        Assert.IsTrue(forest > none + 0.2, $"fastforest {forest:P1} vs raw {none:P1}");
    }

    [TestMethod]
    public void MlpIsReproducibleForASeedAndLearnsThreeClasses()
    {
        var train = BiasedVotes.Make(300, seed: 5).Select(r => r with { ExpertERL = r.ExpertES == "elliptical" ? "elliptical" : r.Votes!.Value.Clockwise >= r.Votes.Value.Anticlockwise ? "clockwise" : "anticlockwise" }).ToArray();
        var a = new MlpLabelTransfer(new MlpOptions { Seed = 11, Output = MlpOutput.Softmax });
        var b = new MlpLabelTransfer(new MlpOptions { Seed = 11, Output = MlpOutput.Softmax });
        a.Fit(train, Scenario.ERL);
        b.Fit(train, Scenario.ERL);

        var pa = a.PredictProba(train);
        var pb = b.PredictProba(train);
        for (var i = 0; i < pa.Length; i++) CollectionAssert.AreEqual(pa[i], pb[i]);
        Assert.AreEqual(3, pa[0].Length);
        Assert.AreEqual(1.0, pa[0].Sum(), 1e-5);
        Assert.IsTrue(a.Epochs is > 1 and <= 300);
        Assert.IsTrue(a.FinalLoss < Math.Log(3), $"loss {a.FinalLoss} should beat the uniform guess");
    }

    [TestMethod]
    public void NoneIsTheOneHotVoteMajority()
    {
        var none = new NoneLabelTransfer();
        none.Fit([], Scenario.ERL);
        var p = none.PredictProba([new GalaxyRecord { Id = "x", Votes = new VoteCounts(2, 1, 5, 0, 0, 0) }]);
        CollectionAssert.AreEqual(new[] { 0f, 0f, 1f }, p[0]);
    }

    [TestMethod]
    public void MergerThresholdIsChosenOnTheLabelledSet()
    {
        var train = BiasedVotes.Make(400, seed: 7).Select(r => r with { ExpertMG = r.Votes!.Value.Merger > 0 ? "merger" : "non_merger" }).ToArray();
        var prior = train.Count(r => r.ExpertMG == "merger") / (double)train.Length;

        var labeller = TransferredLabeller.Fit(new MlNetLabelTransfer(), train, Scenario.MG, ThresholdRule.Prior);
        Assert.AreEqual(prior, labeller.Threshold!.Value, 1e-12);
        var relabelled = labeller.Relabel(train);
        Assert.AreEqual(labeller.Decide(relabelled.Select(r => r.Probabilities).ToArray()).Count(c => c == 1), relabelled.Count(r => r.ClassName == "merger"));
        Assert.IsNull(TransferredLabeller.Fit(new NoneLabelTransfer(), train, Scenario.ES).Threshold);
    }

    [TestMethod]
    public void MissingLabelsAndUnknownMethodsFailClearly()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new MlpLabelTransfer().Fit([new GalaxyRecord { Id = "a", Votes = new VoteCounts(1, 0, 0, 0, 0, 0) }], Scenario.ES));
        StringAssert.Contains(e.Message, "Galaxy a has no ES expert label");
        var oneClass = BiasedVotes.Make(50, 1).Select(r => r with { ExpertES = "spiral" }).ToArray();
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new MlNetLabelTransfer().Fit(oneClass, Scenario.ES)).Message, "elliptical");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => TransferMethod.Parse("svm")).Message, "lbfgs-maxent");
        Assert.ThrowsExactly<InvalidOperationException>(() => new MlpLabelTransfer().PredictProba([]));
    }

    [TestMethod]
    public void DebiasedFeaturesNeedTheCorrectedFractions()
    {
        var r = new GalaxyRecord { Id = "a", Votes = new VoteCounts(3, 1, 0, 0, 0, 0), EllipticalDebiased = 0.7, SpiralDebiased = 0.2 };
        var debiased = new TransferFeatures(TransferInputs.Amateur, Debiased: true);
        CollectionAssert.AreEqual(new[] { 0.75f, 0.25f, 0.25f, 0f, 0f, 0f, 0f, 0.7f, 0.2f }, debiased.Of(r));
        Assert.ThrowsExactly<ArgumentException>(() => debiased.Of(r with { SpiralDebiased = null }));
    }
}
