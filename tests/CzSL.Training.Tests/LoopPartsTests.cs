using CzSL.Training.Loop;
using CzSL.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class LoopPartsTests
{
    private static byte[] Ramp(int size) => Enumerable.Range(0, size * size * 3).Select(i => (byte)(i % 251)).ToArray();

    private static float[] Apply(PixelTransform t, byte[] source, int size)
    {
        var dst = new float[source.Length];
        t.Apply(source, size, 3, dst);
        return dst;
    }

    [TestMethod]
    public void RotationsAndFlipsAreTheEightSymmetries()
    {
        const int size = 5;
        var src = Ramp(size);
        var images = PixelTransform.Symmetries.Select(t => Apply(t, src, size)).ToList();
        Assert.HasCount(8, images.Select(i => string.Join(",", i)).Distinct());
        CollectionAssert.AreEqual(src.Select(b => b * (1f / 255f)).ToArray(), images[0]);
        // One quarter turn counter-clockwise: the top-right pixel moves to the top-left.
        var r1 = images[1];
        for (var c = 0; c < 3; c++) Assert.AreEqual(src[(0 * size + (size - 1)) * 3 + c] * (1f / 255f), r1[c]);
        // A left-right mirror.
        var f = images[4];
        for (var c = 0; c < 3; c++) Assert.AreEqual(src[(size - 1) * 3 + c] * (1f / 255f), f[c]);
    }

    [TestMethod]
    public void ShiftsRepeatTheEdge()
    {
        const int size = 4;
        var src = Ramp(size);
        var shifted = Apply(new PixelTransform(0, false, 0, 1), src, size);
        for (var y = 0; y < size; y++)
        for (var c = 0; c < 3; c++)
        {
            Assert.AreEqual(src[(y * size) * 3 + c] * (1f / 255f), shifted[(y * size) * 3 + c], "edge column repeated");
            Assert.AreEqual(src[(y * size) * 3 + c] * (1f / 255f), shifted[(y * size + 1) * 3 + c], "column 0 moved to 1");
        }
    }

    [TestMethod]
    public void EpochPlanIsAFunctionOfSeedAndEpoch()
    {
        var a = EpochPlan.Create(3, 5, 50, Augmentation.Galaxy);
        var b = EpochPlan.Create(3, 5, 50, Augmentation.Galaxy);
        var c = EpochPlan.Create(3, 6, 50, Augmentation.Galaxy);
        CollectionAssert.AreEqual(a.Positions, b.Positions);
        CollectionAssert.AreEqual(a.Transforms, b.Transforms);
        CollectionAssert.AreNotEqual(a.Positions, c.Positions);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 50).ToArray(), a.Positions);
        Assert.IsTrue(a.Transforms.All(t => Math.Abs(t.ShiftX) <= 2 && Math.Abs(t.ShiftY) <= 2));
        Assert.IsTrue(EpochPlan.Create(3, 5, 50, Augmentation.ChiralitySafe).Transforms.All(t => !t.Flip));
    }

    [TestMethod]
    public void BalancedSamplingDrawsClassesEvenly()
    {
        // 90 of class 0, 10 of class 1, weights 1/count.
        var weights = Enumerable.Range(0, 100).Select(i => i < 90 ? 1 / 90.0 : 1 / 10.0).ToArray();
        var minority = Enumerable.Range(0, 20).Sum(e => EpochPlan.Create(1, e, 100, Augmentation.None, weights).Positions.Count(p => p >= 90));
        Assert.AreEqual(1000, minority, 120);
        var zero = Enumerable.Range(0, 100).Select(i => i == 50 ? 0.0 : 1.0).ToArray();
        Assert.IsFalse(EpochPlan.Create(1, 0, 100, Augmentation.None, zero).Positions.Contains(50));
    }

    [TestMethod]
    public void ScheduleFactors()
    {
        var cosine = LrSchedule.Cosine();
        Assert.AreEqual(1.0, cosine.Factor(0, 11), 1e-12);
        Assert.AreEqual(0.505, cosine.Factor(5, 11), 1e-12);
        Assert.AreEqual(0.01, cosine.Factor(10, 11), 1e-12);
        var warm = LrSchedule.Cosine(warmupEpochs: 3);
        Assert.AreEqual(0.25, warm.Factor(0, 20), 1e-12);
        Assert.AreEqual(1.0, warm.Factor(3, 20), 1e-12);
        var step = new LrSchedule(LrScheduleKind.Step, StepSize: 2, Gamma: 0.5);
        CollectionAssert.AreEqual(new[] { 1, 1, 0.5, 0.5, 0.25 }, Enumerable.Range(0, 5).Select(e => step.Factor(e, 5)).ToArray());
    }

    [TestMethod]
    public void WeightedLossesMatchTorchOnHardTargets()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var logits = torch.randn(6, 3);
        var labels = torch.tensor(new long[] { 0, 2, 1, 1, 0, 2 });
        var onehot = nn.functional.one_hot(labels, 3).to(ScalarType.Float32);
        var w = torch.tensor(new[] { 0.5f, 2f, 1f });
        var expected = nn.functional.cross_entropy(logits, labels, weight: w).item<float>();
        Assert.AreEqual(expected, Losses.Classification(logits, onehot, w, ClassificationLoss.CrossEntropy).item<float>(), 1e-5);
        Assert.AreEqual(nn.functional.cross_entropy(logits, labels).item<float>(), Losses.Classification(logits, onehot, null, ClassificationLoss.CrossEntropy).item<float>(), 1e-5);
        var mse = nn.functional.mse_loss(nn.functional.softmax(logits, 1), onehot).item<float>();
        Assert.AreEqual(mse, Losses.Classification(logits, onehot, null, ClassificationLoss.MseOnProbabilities).item<float>(), 1e-6);
    }

    [TestMethod]
    public void ClassTargetsValidateAndBalance()
    {
        var hard = ClassTargets.Hard([0, 0, 0, 1], 2);
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 1 }, hard.HardLabels());
        CollectionAssert.AreEqual(new[] { 2f / 3, 2f }, ClassifierObjective.BalancedWeights(hard));
        var soft = ClassTargets.Soft([[0.2f, 0.8f], [0.6f, 0.4f]]);
        CollectionAssert.AreEqual(new[] { 1, 0 }, soft.HardLabels());
        var e = Assert.ThrowsExactly<ArgumentException>(() => ClassTargets.Soft([[0.2f, 0.7f]]));
        StringAssert.Contains(e.Message, "row 0 sums to 0.9");
        e = Assert.ThrowsExactly<ArgumentException>(() => ClassTargets.Hard([0, 2], 2));
        StringAssert.Contains(e.Message, "Label 1 is 2");
        var amateur = ClassTargets.FromAmateur([CzSL.Data.Labels.AmateurLabel.OneHot(1, 3)]);
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0f }, amateur.Row(0));
    }

    [TestMethod]
    public void RuntimeReportsItsSettings()
    {
        var info = TorchRuntime.Info;
        Assert.IsTrue(info.AllocatorTuned, "glibc allocator settings applied");
        Assert.AreEqual(DeviceType.CPU, info.Device.type);
        Assert.IsGreaterThanOrEqualTo(1, info.Threads);
        var e = Assert.ThrowsExactly<ArgumentException>(() => TorchRuntime.Initialise(device: "tpu"));
        StringAssert.Contains(e.Message, "tpu");
    }
}
