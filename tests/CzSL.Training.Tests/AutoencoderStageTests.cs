using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class AutoencoderStageTests
{
    [TestMethod]
    [DataRow(ReconstructionLoss.BinaryCrossEntropy)]
    [DataRow(ReconstructionLoss.Mse)]
    public void PaperAutoencoderLearnsToReconstruct(ReconstructionLoss loss)
    {
        var (store, _) = SyntheticImages.Create(40, 64);
        var idx = Enumerable.Range(0, 40).ToArray();
        var options = AutoencoderStageOptions.Paper with
        {
            Loss = loss,
            Training = TrainingOptions.Paper with { Epochs = 6, Optimizer = new OptimizerSettings(OptimizerKind.Adam, 3e-3) },
        };
        var config = NetworkConfig.Paper(2);
        var result = AutoencoderStage.Train(store, idx, config, options);
        using var model = result.Model;
        var h = result.Training.History;
        Assert.HasCount(6, h);
        Assert.IsTrue(h.All(r => r.ValLoss.HasValue && double.IsFinite(r.TrainLoss)));
        Assert.IsLessThan(h[0].TrainLoss, h[^1].TrainLoss);
        var error = AutoencoderStage.ReconstructionError(model, store, idx[28..], loss);
        Assert.AreEqual(h[result.Training.BestEpoch - 1].ValLoss!.Value, error, 1e-4, "validation = last 30% of the images");

        var codes = AutoencoderStage.Encode(model, store, [3, 4]);
        Assert.HasCount(2, codes);
        Assert.HasCount(512, codes[0]);
    }

    [TestMethod]
    public void ValidationFractionOutOfRangeIsRejected()
    {
        var (store, _) = SyntheticImages.Create(4, 64);
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            AutoencoderStage.Train(store, [0, 1, 2, 3], NetworkConfig.Paper(2), AutoencoderStageOptions.Paper with { ValidationFraction = 1 }));
        StringAssert.Contains(e.Message, "ValidationFraction");
    }
}
