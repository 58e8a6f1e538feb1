using CzSL.Data;
using CzSL.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>In-memory images (bytes, stream, MLImage) get the same pixels, so the same probabilities, as their file.</summary>
[TestClass]
public sealed class InMemoryScoringTests
{
    private static ScoringFixture _fx = null!;
    private static string _large = null!;
    private static string _other = null!;

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _fx = new ScoringFixture();
        // Larger than the network's input, so the resize runs (the part a different decode path would change).
        _large = Path.Combine(_fx.Folder, "large.png");
        TestImages.WriteGradientPng(_large, 37, 29, seed: 3);
        _other = Path.Combine(_fx.Folder, "other.png");
        TestImages.WriteGradientPng(_other, 37, 29, seed: 4);
    }

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    private static float[] ScoreThroughColumn<TRow>(TRow row, string column) where TRow : class
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([row]);
        var model = ml.Transforms.CzslClassifier(_fx.ErlCard, column).Fit(data);
        return ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).Single().Score;
    }

    private static void AssertSame(float[] expected, float[] actual, string route)
    {
        Assert.HasCount(expected.Length, actual, route);
        for (var k = 0; k < expected.Length; k++) Assert.AreEqual(expected[k], actual[k], 1e-6, $"{route}, class {k}");
    }

    [TestMethod]
    public void Bytes_stream_and_MLImage_give_the_probabilities_of_the_file()
    {
        var fromPath = ScoreThroughColumn(new CzslImagePath { ImagePath = _large }, CzslColumns.ImagePath);
        float[] fromImage;
        using (var stream = new MemoryStream(File.ReadAllBytes(_large)))
        using (var image = MLImage.CreateFromStream(stream))
            fromImage = ScoreThroughColumn(new CzslImage { Image = image }, CzslColumns.Image);
        AssertSame(fromPath, fromImage, "MLImage column");

        using var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);
        var path = predictor.PredictOne(_large);
        AssertSame(fromPath, path.Probabilities, "GalaxyPredictor path");
        AssertSame(fromPath, predictor.PredictOne(File.ReadAllBytes(_large)).Probabilities, "GalaxyPredictor byte[]");
        using (var stream = File.OpenRead(_large)) AssertSame(fromPath, predictor.PredictOne(stream).Probabilities, "GalaxyPredictor stream");
        using (var image = MLImage.CreateFromFile(_large)) AssertSame(fromPath, predictor.PredictOne(image).Probabilities, "GalaxyPredictor MLImage");
        Assert.AreEqual(path.PredictedClass, predictor.PredictOne(File.ReadAllBytes(_large)).PredictedClass);

        // Negative control: another image through the same route differs, so equality above is not vacuous.
        var other = predictor.PredictOne(File.ReadAllBytes(_other)).Probabilities;
        Assert.IsGreaterThan(1e-4, fromPath.Zip(other, (a, b) => Math.Abs(a - b)).Max(), "a different image scores differently");
    }

    [TestMethod]
    public void In_memory_route_matches_the_reference_forward_pass_at_the_network_size()
    {
        // At the network's own size no resize happens: the MLImage route's probabilities are the hand forward pass of the pixels.
        using var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);
        for (var i = 0; i < 3; i++)
            AssertSame(_fx.Reference(_fx.Erl, i), predictor.PredictOne(File.ReadAllBytes(_fx.ImagePaths[i])).Probabilities, $"image {i}");
    }

    [TestMethod]
    public void PredictionEngine_binds_the_class_name_as_a_string_and_pairs_probabilities_with_class_names()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Transforms.CzslClassifier(_fx.ErlCard, CzslColumns.Image)
            .Fit(ml.Data.LoadFromEnumerable(Array.Empty<CzslImage>()));
        using var engine = ml.Model.CreatePredictionEngine<CzslImage, CzslPrediction>(model);
        for (var i = 0; i < _fx.ImagePaths.Count; i++)
        {
            using var image = MLImage.CreateFromFile(_fx.ImagePaths[i]);
            var prediction = engine.Predict(new CzslImage { Image = image });
            var reference = _fx.Reference(_fx.Erl, i);
            Assert.AreEqual(ScenarioClasses.ERL[ScoreMath.Argmax(reference)], prediction.PredictedClass, $"image {i}");
            var byClass = prediction.ByClass(ScenarioClasses.ERL);
            CollectionAssert.AreEqual(ScenarioClasses.ERL.ToArray(), byClass.Keys.ToArray());
            for (var k = 0; k < 3; k++) Assert.AreEqual(reference[k], byClass[ScenarioClasses.ERL[k]], 1e-5, $"image {i}, {ScenarioClasses.ERL[k]}");
        }
        Assert.Throws<ArgumentException>(() => new CzslPrediction { Score = [0.5f, 0.5f] }.ByClass(ScenarioClasses.ERL));
    }

    [TestMethod]
    public void An_image_column_of_another_type_is_refused_naming_the_accepted_types()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new { Image = 1f }]);
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.CzslClassifier(_fx.ErlCard, "Image").Fit(data));
        StringAssert.StartsWith(error.Message, "Schema mismatch for input column 'Image': expected String (image path) or Image (MLImage), got Single");
    }
}
