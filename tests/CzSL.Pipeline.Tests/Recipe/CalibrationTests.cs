using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary>Expert fine-tuning fits a temperature on its validation split; it lowers the held-out calibration error.</summary>
/// <remarks>
/// The tiny recipe dataset validates on about ten expert labels, too few to fit a temperature on; this test simulates
/// 600 galaxies (half expert-labelled, half of them held out for testing), so expert fine-tuning validates on 30.
/// </remarks>
[TestClass]
public sealed class CalibrationTests
{
    private static readonly Lazy<(DatasetManifest Manifest, ImageStore Store)> Dataset = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "czsl-calibration-data-" + Guid.NewGuid().ToString("N"));
        new GalaxySimulator(new SimulationOptions { Count = 600, Size = 16, ExpertFraction = 0.5, Seed = 5 }).Simulate(folder);
        var manifest = DatasetManifest.Load(folder);
        return (manifest, ImageStore.Decode(manifest, 16));
    });

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TemperatureScalingLowersTheHeldOutCalibrationErrorWithFixedSeeds()
    {
        const int seed = 7;
        var folder = Directory.CreateTempSubdirectory("czsl-calibration-").FullName;
        var (manifest, store) = Dataset.Value;
        var split = ExperimentSplits.Holdout(manifest.Records, 1, 0.5, seed)[0];
        var data = ScenarioData.Build(manifest.Records, split, Scenario.ES, TinyDataset.Options.AmateurPolicy);
        var options = TinyDataset.Options with { Epochs = StageEpochs.All(8) };
        using var recipe = new CzslRecipe(options, new RecipeContext
        {
            Store = store, Record = i => manifest.Records[i], Validation = new StratifiedValidation(), Folder = folder,
        }, split.Pool, seed, 0);
        using var model = recipe.Train(data.ForRecipe(), CzslMethod.ExpertOnly).Model;

        var t = model.Temperature;
        var stage = Path.Combine(folder, ExpertFineTuning.Folder(data.ForRecipe(), CzslMethod.ExpertOnly));
        Assert.AreEqual(t, ModelFiles.LoadTemperature(stage), "the fitted temperature is saved beside the weights");
        Assert.AreNotEqual(1.0, t, "a temperature was fitted");

        var before = ClassifierStage.Predict(model, store, data.Test.Indices, temperature: 1);
        var after = ClassifierStage.Predict(model, store, data.Test.Indices);
        var eceBefore = ClassificationMetrics.ExpectedCalibrationError(data.Test.Labels, before);
        var eceAfter = ClassificationMetrics.ExpectedCalibrationError(data.Test.Labels, after);
        TestContext.WriteLine($"T = {t:F3}; held-out ECE {eceBefore:F4} → {eceAfter:F4} on {data.Test.Count} test galaxies");
        Assert.IsTrue(eceAfter < eceBefore, $"ECE after scaling {eceAfter:F4} < before {eceBefore:F4} (T = {t:F3})");

        // The argmax, hence accuracy, is unchanged by one temperature.
        for (var i = 0; i < before.Length; i++)
            Assert.AreEqual(ClassificationMetrics.ArgMax(before[i]), ClassificationMetrics.ArgMax(after[i]), $"test galaxy {i}");
        Directory.Delete(folder, recursive: true);
    }
}
