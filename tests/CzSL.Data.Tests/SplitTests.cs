using CzSL.Data.Splits;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class SplitTests
{
    private static int[] Labels(params (int Label, int Count)[] classes) =>
        classes.SelectMany(c => Enumerable.Repeat(c.Label, c.Count)).ToArray();

    [TestMethod]
    public void StratifiedSplitKeepsClassProportionsWithinOneRow()
    {
        var labels = Labels((0, 503), (1, 61), (2, 7));
        var s = StratifiedSplit.Split(labels, (0.6, 0.2, 0.2), seed: 1);
        var all = s.Train.Concat(s.Validation).Concat(s.Test).ToArray();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, labels.Length).ToArray(), all, "each row in exactly one part");
        foreach (var c in new[] { 0, 1, 2 })
        {
            var n = labels.Count(l => l == c);
            Assert.AreEqual(0.6 * n, s.Train.Count(i => labels[i] == c), 1.0, $"class {c} train");
            Assert.AreEqual(0.2 * n, s.Validation.Count(i => labels[i] == c), 1.0, $"class {c} validation");
            Assert.AreEqual(0.2 * n, s.Test.Count(i => labels[i] == c), 1.0, $"class {c} test");
        }
    }

    [TestMethod]
    public void StratifiedSplitIsDeterministicBySeed()
    {
        var labels = Labels((0, 200), (1, 100));
        var a = StratifiedSplit.Split(labels, (0.7, 0.15, 0.15), seed: 9);
        var b = StratifiedSplit.Split(labels, (0.7, 0.15, 0.15), seed: 9);
        var c = StratifiedSplit.Split(labels, (0.7, 0.15, 0.15), seed: 10);
        CollectionAssert.AreEqual(a.Train, b.Train);
        CollectionAssert.AreEqual(a.Test, b.Test);
        CollectionAssert.AreNotEqual(a.Test, c.Test);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(labels, (0.7, 0.2, 0.2), 1));
    }

    [TestMethod]
    public void KFoldTestsEveryRowOncePerRepeat_Stratified()
    {
        var labels = Labels((0, 47), (1, 13), (2, 5));
        var folds = new RepeatedStratifiedKFold(k: 5, repeats: 3, seed: 4).Folds(labels);
        Assert.HasCount(15, folds);
        for (var r = 0; r < 3; r++)
        {
            var repeat = folds.Where(f => f.Repeat == r).ToList();
            CollectionAssert.AreEquivalent(Enumerable.Range(0, labels.Length).ToArray(), repeat.SelectMany(f => f.Test).ToArray());
            foreach (var f in repeat)
            {
                CollectionAssert.AreEquivalent(Enumerable.Range(0, labels.Length).ToArray(), f.Train.Concat(f.Test).ToArray());
                Assert.AreEqual(labels.Length / 5.0, f.Test.Length, 1.0);
                foreach (var c in new[] { 0, 1, 2 })
                    Assert.AreEqual(labels.Count(l => l == c) / 5.0, f.Test.Count(i => labels[i] == c), 1.0, $"class {c}");
            }
        }
        CollectionAssert.AreNotEqual(folds[0].Test, folds[5].Test, "repeats shuffle differently");
        var again = new RepeatedStratifiedKFold(5, 3, 4).Folds(labels);
        CollectionAssert.AreEqual(folds[7].Test, again[7].Test);
    }

    [TestMethod]
    public void RosAndRusBalanceClasses()
    {
        var labels = Labels((0, 90), (1, 10));
        var ros = Resampling.RandomOverSample(labels, seed: 3);
        Assert.HasCount(180, ros);
        Assert.AreEqual(90, ros.Count(i => labels[i] == 1));
        CollectionAssert.IsSubsetOf(Enumerable.Range(0, 100).ToArray(), ros, "ROS keeps every original row");
        var rus = Resampling.RandomUnderSample(labels, seed: 3);
        Assert.HasCount(20, rus);
        Assert.AreEqual(10, rus.Count(i => labels[i] == 0));
        Assert.AreEqual(20, rus.Distinct().Count(), "RUS draws without replacement");
        CollectionAssert.AreEqual(rus, Resampling.RandomUnderSample(labels, seed: 3));
        CollectionAssert.AreNotEqual(rus, Resampling.RandomUnderSample(labels, seed: 4));
        // Shuffled, so an in-order 70/30 split keeps both classes on both sides.
        Assert.IsTrue(ros.Skip(126).Any(i => labels[i] == 0) && ros.Skip(126).Any(i => labels[i] == 1));
    }
}
