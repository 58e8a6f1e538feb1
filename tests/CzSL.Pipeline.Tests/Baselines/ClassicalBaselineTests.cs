using CzSL.Pipeline.Baselines;
using Microsoft.ML;

namespace CzSL.Pipeline.Tests.Baselines;

[TestClass]
public sealed class ClassicalBaselineTests
{
    private static BaselineOptions Fast(ClassicalTrainer trainer) => new()
    {
        Trainer = trainer,
        MaximumIterations = 30,
        NumberOfTrees = 20,
        NumberOfLeaves = 4,
        MinimumExampleCountPerLeaf = 2,
    };

    public static IEnumerable<object[]> Cases() =>
        from trainer in Enum.GetValues<ClassicalTrainer>()
        from classes in new[] { 2, 3 }
        select new object[] { trainer, classes };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void LearnsSeparableClusters(ClassicalTrainer trainer, int classes)
    {
        var ml = new MLContext(0);
        var (trainX, trainY) = SeparableData.Clusters(classes, 40, 6, seed: 1);
        var (testX, testY) = SeparableData.Clusters(classes, 20, 6, seed: 2);
        var baseline = new ClassicalBaseline(VectorFeaturizer.Cas(), Fast(trainer));

        var run = baseline.Run(BaselineData.FromVectors(ml, trainX, trainY), BaselineData.FromVectors(ml, testX), classes);

        Assert.AreEqual($"{trainer} (CAS)", run.Method);
        Assert.HasCount(testY.Length, run.Probabilities);
        Assert.IsGreaterThan(0.9, SeparableData.Accuracy(testY, run.Predicted));
        foreach (var p in run.Probabilities)
        {
            Assert.HasCount(classes, p);
            Assert.AreEqual(1, p.Sum(), 1e-4);
            Assert.IsTrue(p.All(v => v >= 0));
        }
        for (var i = 0; i < testY.Length; i++)
            Assert.AreEqual(Array.IndexOf(run.Probabilities[i], run.Probabilities[i].Max()), run.Predicted[i]);
        Assert.IsGreaterThan(0, run.TrainSeconds);
        Assert.IsGreaterThan(0, run.ScoreSeconds);
    }

    [TestMethod]
    [DataRow(ClassicalTrainer.Sdca)]
    [DataRow(ClassicalTrainer.Lbfgs)]
    [DataRow(ClassicalTrainer.LightGbm)]
    [DataRow(ClassicalTrainer.FastForest)]
    public void SameSeedGivesSameProbabilities(ClassicalTrainer trainer)
    {
        var ml = new MLContext(0);
        var (trainX, trainY) = SeparableData.Clusters(3, 30, 5, seed: 3, spread: 1.5);
        var (testX, _) = SeparableData.Clusters(3, 10, 5, seed: 4, spread: 1.5);
        var train = BaselineData.FromVectors(ml, trainX, trainY);
        var test = BaselineData.FromVectors(ml, testX);

        var first = new ClassicalBaseline(VectorFeaturizer.Cas(), Fast(trainer)).Run(train, test, 3);
        var second = new ClassicalBaseline(VectorFeaturizer.Cas(), Fast(trainer)).Run(train, test, 3);

        for (var i = 0; i < first.Probabilities.Count; i++)
            CollectionAssert.AreEqual(first.Probabilities[i], second.Probabilities[i]);
    }

    [TestMethod]
    public void MinMaxNormalisationAlsoLearns()
    {
        var ml = new MLContext(0);
        var (trainX, trainY) = SeparableData.Clusters(2, 40, 4, seed: 5);
        var (testX, testY) = SeparableData.Clusters(2, 20, 4, seed: 6);
        var options = Fast(ClassicalTrainer.Lbfgs) with { Normalization = FeatureNormalization.MinMax };

        var run = new ClassicalBaseline(VectorFeaturizer.Learned(), options)
            .Run(BaselineData.FromVectors(ml, trainX, trainY), BaselineData.FromVectors(ml, testX), 2);

        Assert.AreEqual("Lbfgs (learned)", run.Method);
        Assert.IsGreaterThan(0.9, SeparableData.Accuracy(testY, run.Predicted));
    }

    [TestMethod]
    public void TrainsOnTheLabelColumnTheCallerNames()
    {
        // "Amateur" labels are the expert labels with every 10th row flipped; the model still recovers the expert classes.
        var ml = new MLContext(0);
        var (trainX, expert) = SeparableData.Clusters(2, 40, 4, seed: 7);
        var amateur = expert.Select((y, i) => i % 10 == 0 ? 1 - y : y).ToArray();
        var rows = trainX.Select((x, i) => new AmateurRow { Features = x, Amateur = amateur[i] }).ToArray();
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(AmateurRow));
        schema[nameof(AmateurRow.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, 4);
        var train = ml.Data.LoadFromEnumerable(rows, schema);
        var (testX, testY) = SeparableData.Clusters(2, 20, 4, seed: 8);

        var run = new ClassicalBaseline(VectorFeaturizer.Cas(), Fast(ClassicalTrainer.Sdca))
            .Run(train, BaselineData.FromVectors(ml, testX), 2, labelColumn: nameof(AmateurRow.Amateur));

        Assert.IsGreaterThan(0.9, SeparableData.Accuracy(testY, run.Predicted));
    }

    [TestMethod]
    public void ChainFeaturizerBuildsFeaturesFromOtherColumns()
    {
        var ml = new MLContext(0);
        var random = new Random(9);
        var rows = Enumerable.Range(0, 120).Select(i =>
        {
            var label = i % 2;
            return new TwoColumns { A = label * 2 + (float)(0.4 * SeparableData.Normal(random)), B = (float)SeparableData.Normal(random), Label = label };
        }).ToArray();
        var featurizer = new ChainFeaturizer("learned", m => m.Transforms.Concatenate("Joined", nameof(TwoColumns.A), nameof(TwoColumns.B)), "Joined");

        var run = new ClassicalBaseline(featurizer, Fast(ClassicalTrainer.LightGbm))
            .Run(ml.Data.LoadFromEnumerable(rows[..80]), ml.Data.LoadFromEnumerable(rows[80..]), 2);

        Assert.IsGreaterThan(0.85, SeparableData.Accuracy(rows[80..].Select(r => r.Label).ToArray(), run.Predicted));
    }

    [TestMethod]
    public void LabelOutOfRangeNamesTheRow()
    {
        var ml = new MLContext(0);
        var (x, y) = SeparableData.Clusters(2, 5, 3, seed: 1);
        y[7] = 2;
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            new ClassicalBaseline(VectorFeaturizer.Cas()).Fit(BaselineData.FromVectors(ml, x, y), 2));
        StringAssert.Contains(e.Message, "row 7 is 2");
    }

    [TestMethod]
    public void MissingOrMistypedLabelColumnIsReported()
    {
        var ml = new MLContext(0);
        var (x, _) = SeparableData.Clusters(2, 5, 3, seed: 1);
        var baseline = new ClassicalBaseline(VectorFeaturizer.Cas());
        var missing = Assert.ThrowsExactly<ArgumentException>(() => baseline.Fit(BaselineData.FromVectors(ml, x), 2));
        StringAssert.Contains(missing.Message, "Could not find input column 'Label'");
        var mistyped = Assert.ThrowsExactly<ArgumentException>(() => baseline.Fit(BaselineData.FromVectors(ml, x), 2, labelColumn: "Features"));
        StringAssert.Contains(mistyped.Message, "Schema mismatch for input column 'Features': expected Int32");
    }

    [TestMethod]
    public void RaggedOrNonFiniteVectorsAreRejected()
    {
        var ml = new MLContext(0);
        var ragged = Assert.ThrowsExactly<ArgumentException>(() => BaselineData.FromVectors(ml, [[1f, 2f], [1f]]));
        StringAssert.Contains(ragged.Message, "row 1 has 1 values");
        var nan = Assert.ThrowsExactly<ArgumentException>(() => BaselineData.FromVectors(ml, [[1f, 2f], [1f, float.NaN]]));
        StringAssert.Contains(nan.Message, "row 1, column 1");
    }

    [TestMethod]
    public void InvalidOptionsAreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ClassicalBaseline(VectorFeaturizer.Cas(), new BaselineOptions { NumberOfTrees = 0 }));
    }

    private sealed class AmateurRow
    {
        public float[] Features { get; set; } = [];
        public int Amateur { get; set; }
    }

    private sealed class TwoColumns
    {
        public float A { get; set; }
        public float B { get; set; }
        public int Label { get; set; }
    }
}
