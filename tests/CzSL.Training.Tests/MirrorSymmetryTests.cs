using CzSL.Data;
using CzSL.Training.Loop;
using CzSL.Training.Presets;

namespace CzSL.Training.Tests;

/// <summary>A mirrored clockwise spiral is an anticlockwise one: mirror augmentation swaps those labels; rotations keep them.</summary>
[TestClass]
public sealed class MirrorSymmetryTests
{
    private static readonly int[] Erl = [0, 2, 1];

    [TestMethod]
    public void AMirroredTargetMovesToTheMirrorClass()
    {
        var clockwise = new[] { 0f, 1f, 0f };
        var row = new float[3];
        BatchStream.CopyTarget(clockwise, row, Erl);
        CollectionAssert.AreEqual(new[] { 0f, 0f, 1f }, row, "clockwise → anticlockwise");
        BatchStream.CopyTarget(new[] { 0.7f, 0.2f, 0.1f }, row, Erl);
        CollectionAssert.AreEqual(new[] { 0.7f, 0.1f, 0.2f }, row, "a soft target swaps its spiral parts, elliptical stays");
        BatchStream.CopyTarget(clockwise, row, null);
        CollectionAssert.AreEqual(clockwise, row, "without a mirror permutation the row is copied");
    }

    [TestMethod]
    public void OnlyMirroredVisitsOfAChiralTaskSwap()
    {
        var augmentation = Preset.Small.AugmentationFor(Scenario.ERL);
        Assert.IsTrue(augmentation.Flip, "ERL now uses mirrors too");
        CollectionAssert.AreEqual(Erl, augmentation.MirrorClasses);
        Assert.IsNull(Preset.Small.AugmentationFor(Scenario.ES).MirrorClasses, "a mirror keeps elliptical / spiral");
        Assert.IsTrue(Preset.Paper.AugmentationFor(Scenario.ERL).IsNone, "the paper does not augment");

        var plan = EpochPlan.Create(seed: 3, epoch: 0, count: 64, augmentation);
        CollectionAssert.AreEqual(Erl, plan.MirrorClasses);
        Assert.IsTrue(plan.Transforms.Any(t => t.Flip) && plan.Transforms.Any(t => !t.Flip), "both mirrored and plain visits are drawn");
    }

    [TestMethod]
    public void AMirrorPermutationMustBeAPermutation()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Augmentation.Galaxy with { MirrorClasses = [0, 1, 1] }).Message, "permutation");
        Assert.AreEqual(Augmentation.Galaxy with { MirrorClasses = [0, 2, 1] }, Augmentation.GalaxyWithMirror([0, 2, 1]), "compared element-wise");
        Assert.AreNotEqual(Augmentation.Galaxy, Augmentation.GalaxyWithMirror([0, 2, 1]));
    }
}
