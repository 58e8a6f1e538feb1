using System.Reflection;
using CzSL.Data;
using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.MLNet.Tests.Scoring;

[TestClass]
public sealed class ChainTests
{
    private static ScoringFixture _fx = null!;

    [ClassInitialize]
    public static void Init(TestContext _) => _fx = new ScoringFixture();

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    public sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
        public string LabelName { get; set; } = "";
        public bool IsPositive { get; set; }
    }

    public sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];
        public float[] Embedding { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    /// <summary>ML.NET's SchemaShape.Create is internal; estimators in a chain receive shapes made by it.</summary>
    private static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!
            .Invoke(null, [schema])!;

    private static IDataView Rows(MLContext ml, IEnumerable<ImageRow> rows) => ml.Data.LoadFromEnumerable(rows);

    private static List<ImageRow> AllImages() => _fx.ImagePaths.Select(p => new ImageRow { ImagePath = p }).ToList();

    [TestMethod]
    public void Probabilities_and_embedding_match_the_reference_forward_pass()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        using var model = (IDisposable)ml.Transforms.CzslClassifier(_fx.ErlCard).Fit(data);
        var scored = ((ITransformer)model).Transform(data);
        var rows = ml.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false).ToList();

        Assert.HasCount(_fx.ImagePaths.Count, rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var (probs, emb) = _fx.Erl.Forward(TestImages.ToPlanar(_fx.Pixels[i], ScoringFixture.Size, ScoringFixture.Size));
            Assert.HasCount(3, rows[i].Score);
            for (var k = 0; k < 3; k++) Assert.AreEqual(probs[k], rows[i].Score[k], 1e-5, $"image {i} class {k}");
            for (var d = 0; d < TinyOnnxClassifier.Hidden; d++) Assert.AreEqual(emb[d], rows[i].Embedding[d], 1e-5, $"image {i} dim {d}");
        }
    }

    [TestMethod]
    public void PredictedLabel_is_the_argmax_keyed_by_the_card_class_names()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        var scored = ml.Transforms.CzslClassifier(_fx.ErlCard).Fit(data).Transform(data);

        var column = scored.Schema[CzslColumns.PredictedLabel];
        Assert.IsInstanceOfType<KeyDataViewType>(column.Type);
        Assert.AreEqual(3UL, ((KeyDataViewType)column.Type).Count);
        VBuffer<ReadOnlyMemory<char>> keyNames = default;
        column.GetKeyValues(ref keyNames);
        CollectionAssert.AreEqual(ScenarioClasses.ERL.ToArray(), keyNames.DenseValues().Select(v => v.ToString()).ToArray());

        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedName", CzslColumns.PredictedLabel).Fit(scored).Transform(scored)
            .GetColumn<ReadOnlyMemory<char>>("PredictedName").Select(v => v.ToString()).ToList();
        var expected = Enumerable.Range(0, _fx.ImagePaths.Count).Select(i => ScenarioClasses.ERL[ScoreMath.Argmax(_fx.Reference(_fx.Erl, i))]).ToList();
        CollectionAssert.AreEqual(expected, predicted);
        Assert.IsGreaterThan(1, expected.Distinct().Count(), "the test images should not all get the same class");
    }

    [TestMethod]
    public void Multiclass_evaluate_gives_the_crafted_accuracy()
    {
        var ml = new MLContext(seed: 1);
        var card = ModelCard.Load(_fx.ErlCard);
        // Label the first four images with their reference class and the rest with another class: accuracy = 4/6.
        var rows = AllImages();
        for (var i = 0; i < rows.Count; i++)
        {
            var best = ScoreMath.Argmax(_fx.Reference(_fx.Erl, i));
            rows[i].LabelName = ScenarioClasses.ERL[i < 4 ? best : (best + 1) % 3];
        }
        var data = Rows(ml, rows);
        var pipeline = ml.Transforms.Conversion.CzslLabelToKey(card, nameof(ImageRow.LabelName))
            .Append(ml.Transforms.CzslClassifier(_fx.ErlCard));
        var scored = pipeline.Fit(data).Transform(data);

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.AreEqual(4.0 / 6, metrics.MicroAccuracy, 1e-9);
        Assert.AreEqual(3, metrics.PerClassLogLoss.Count);
        var expectedLogLoss = Enumerable.Range(0, rows.Count)
            .Average(i => -Math.Log(_fx.Reference(_fx.Erl, i)[ScenarioClasses.IndexOf(Scenario.ERL, rows[i].LabelName)]));
        Assert.AreEqual(expectedLogLoss, metrics.LogLoss, 1e-4);
    }

    [TestMethod]
    public void Binary_evaluate_runs_on_a_two_class_card_with_the_crafted_accuracy()
    {
        var ml = new MLContext(seed: 1);
        var rows = AllImages();
        var decisions = Enumerable.Range(0, rows.Count).Select(i => _fx.Reference(_fx.Mg, i)[1] > _fx.Reference(_fx.Mg, i)[0]).ToList();
        for (var i = 0; i < rows.Count; i++) rows[i].IsPositive = i == 0 ? !decisions[i] : decisions[i]; // one wrong: 5/6
        var data = Rows(ml, rows);
        var scored = ml.Transforms.CzslClassifier(_fx.MgCard).Fit(data).Transform(data);

        var probability = scored.GetColumn<float>(CzslColumns.Probability).ToList();
        for (var i = 0; i < rows.Count; i++) Assert.AreEqual(_fx.Reference(_fx.Mg, i)[1], probability[i], 1e-5);
        CollectionAssert.AreEqual(decisions, scored.GetColumn<bool>(CzslColumns.PredictedPositive).ToList());

        var metrics = ml.BinaryClassification.Evaluate(scored, labelColumnName: nameof(ImageRow.IsPositive),
            scoreColumnName: CzslColumns.Probability, probabilityColumnName: CzslColumns.Probability,
            predictedLabelColumnName: CzslColumns.PredictedPositive);
        Assert.AreEqual(5.0 / 6, metrics.Accuracy, 1e-9);
    }

    [TestMethod]
    public void Save_and_load_round_trip_scores_identically()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        var model = ml.Transforms.CzslClassifier(_fx.MgCard).Fit(data);
        var before = ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), reuseRowObject: false).ToList();
        var zip = Path.Combine(_fx.Folder, "mg-chain.zip");
        ml.Model.Save(model, data.Schema, zip);

        var fresh = new MLContext(seed: 2); // a new context: the custom mappings must be found from the saved model alone
        var loaded = fresh.Model.Load(zip, out var schema);
        Assert.IsNotNull(schema.GetColumnOrNull(CzslColumns.ImagePath));
        var reloaded = loaded.Transform(fresh.Data.LoadFromEnumerable(AllImages()));
        var after = fresh.Data.CreateEnumerable<ScoredRow>(reloaded, reuseRowObject: false).ToList();
        Assert.AreEqual(2UL, ((KeyDataViewType)reloaded.Schema[CzslColumns.PredictedLabel].Type).Count);

        Assert.HasCount(before.Count, after);
        for (var i = 0; i < before.Count; i++)
        {
            CollectionAssert.AreEqual(before[i].Score, after[i].Score);
            Assert.AreEqual(before[i].PredictedLabel, after[i].PredictedLabel);
        }
        Assert.AreEqual(before.Count, reloaded.GetColumn<bool>(CzslColumns.PredictedPositive).Count());
    }

    [TestMethod]
    public void PredictionEngine_scores_one_image()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.CzslClassifier(_fx.ErlCard).Fit(Rows(ml, AllImages()));
        using var engine = ml.Model.CreatePredictionEngine<ImageRow, ScoredRow>(model);
        var result = engine.Predict(new ImageRow { ImagePath = _fx.ImagePaths[2] });
        var reference = _fx.Reference(_fx.Erl, 2);
        for (var k = 0; k < 3; k++) Assert.AreEqual(reference[k], result.Score[k], 1e-5);
        Assert.AreEqual((uint)ScoreMath.Argmax(reference) + 1, result.PredictedLabel); // keys are 1-based
    }

    [TestMethod]
    public void Image_folder_resolves_relative_paths()
    {
        var ml = new MLContext(seed: 1);
        var rows = _fx.ImagePaths.Select(p => new ImageRow { ImagePath = Path.GetFileName(p) }).ToList();
        var data = Rows(ml, rows);
        var scores = ml.Data.CreateEnumerable<ScoredRow>(
            ml.Transforms.CzslClassifier(_fx.ErlCard, imageFolder: _fx.Folder).Fit(data).Transform(data), false).ToList();
        for (var k = 0; k < 3; k++) Assert.AreEqual(_fx.Reference(_fx.Erl, 0)[k], scores[0].Score[k], 1e-5);
    }

    [TestMethod]
    public void Encoder_chain_gives_the_embedding_as_features()
    {
        var ml = new MLContext(seed: 1);
        var encoderCard = _fx.Erl.WriteWithCard(_fx.Folder, "erl-encoder", ModelKind.Encoder);
        var data = Rows(ml, AllImages());
        var scored = ml.Transforms.CzslEncoder(encoderCard).Fit(data).Transform(data);
        var column = scored.Schema[CzslColumns.Features];
        Assert.AreEqual(TinyOnnxClassifier.Hidden, ((VectorDataViewType)column.Type).Size);
        Assert.IsNull(scored.Schema.GetColumnOrNull(CzslColumns.Score));
        var features = scored.GetColumn<float[]>(CzslColumns.Features).ToList();
        var reference = _fx.Erl.Forward(TestImages.ToPlanar(_fx.Pixels[1], ScoringFixture.Size, ScoringFixture.Size)).Embedding;
        for (var d = 0; d < reference.Length; d++) Assert.AreEqual(reference[d], features[1][d], 1e-5);
    }

    [TestMethod]
    public void Encoder_chain_rejects_a_card_without_embedding_and_classifier_rejects_an_encoder_card()
    {
        var ml = new MLContext(seed: 1);
        var encoderCard = _fx.Erl.WriteWithCard(_fx.Folder, "erl-encoder2", ModelKind.Encoder);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.CzslClassifier(encoderCard));
        StringAssert.Contains(ex.Message, "not a classifier");
    }

    [TestMethod]
    public void Output_schema_lists_the_chain_columns_and_drops_scratch_columns()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        var shape = ml.Transforms.CzslClassifier(_fx.MgCard).GetOutputSchema(Shape(data.Schema));
        var names = shape.Select(c => c.Name).ToHashSet();
        foreach (var expected in new[] { CzslColumns.Score, CzslColumns.PredictedLabel, CzslColumns.Probability, CzslColumns.PredictedPositive, CzslColumns.Embedding, CzslColumns.ImagePath })
            Assert.Contains(expected, names);
        foreach (var scratch in new[] { "image", "probabilities", "embedding", "CzslLoadedImage", "CzslPredictedIndex" })
            Assert.DoesNotContain(scratch, names);
    }

    public sealed class NumberRow
    {
        public float ImagePath { get; set; }
    }

    [TestMethod]
    public void Missing_image_column_fails_with_the_ml_net_wording()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        var estimator = ml.Transforms.CzslClassifier(_fx.ErlCard, imageColumn: "Picture");
        var fit = Assert.Throws<ArgumentException>(() => estimator.Fit(data));
        Assert.AreEqual("Could not find input column 'Picture'", fit.Message.Split(" (Parameter")[0]);
        var shape = Assert.Throws<ArgumentException>(() => estimator.GetOutputSchema(Shape(data.Schema)));
        StringAssert.StartsWith(shape.Message, "Could not find input column 'Picture'");
    }

    [TestMethod]
    public void Wrong_image_column_type_fails_with_the_ml_net_wording()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new NumberRow { ImagePath = 1 } });
        var estimator = ml.Transforms.CzslClassifier(_fx.ErlCard);
        var fit = Assert.Throws<ArgumentException>(() => estimator.Fit(data));
        StringAssert.StartsWith(fit.Message, "Schema mismatch for input column 'ImagePath': expected String (image path) or Image (MLImage), got Single");
        var shape = Assert.Throws<ArgumentException>(() => estimator.GetOutputSchema(Shape(data.Schema)));
        StringAssert.StartsWith(shape.Message, "Schema mismatch for input column 'ImagePath': expected String (image path) or Image (MLImage), got Single");
    }

    [TestMethod]
    public void Gpu_settings_with_fallback_to_cpu_score_like_cpu()
    {
        var ml = new MLContext(seed: 1);
        var data = Rows(ml, AllImages());
        var cpu = ml.Data.CreateEnumerable<ScoredRow>(ml.Transforms.CzslClassifier(_fx.ErlCard).Fit(data).Transform(data), false).ToList();
        var gpu = ml.Data.CreateEnumerable<ScoredRow>(
            ml.Transforms.CzslClassifier(_fx.ErlCard, gpuDeviceId: 0, fallbackToCpu: true).Fit(data).Transform(data), false).ToList();
        for (var i = 0; i < cpu.Count; i++)
            for (var k = 0; k < 3; k++) Assert.AreEqual(cpu[i].Score[k], gpu[i].Score[k], 1e-5);
    }
}
