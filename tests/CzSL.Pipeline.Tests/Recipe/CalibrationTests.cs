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

/// <summary>Expert fine-tuning fits a temperature on the expert labels its options name; it lowers the held-out calibration error.</summary>
/// <remarks>
/// The tiny recipe dataset has about fifty expert labels; this test simulates 600 galaxies (half expert-labelled, half
/// of them held out for testing), so expert fine-tuning has about 150 (30 of them its validation split).
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
        // The fit used every expert label of the stage (the default set), recomputed here from the logits.
        var expected = TemperatureScaling.Fit(ClassifierStage.Logits(model, store, data.Expert.Indices), data.Expert.Targets);
        Assert.AreEqual(expected, t, 1e-9, "T is the NLL fit on the stage's expert labels");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    [DataRow(CalibrationSet.Validation)]
    [DataRow(CalibrationSet.None)]
    public void TheCalibrationSetOptionChoosesWhatTheTemperatureIsFittedOn(CalibrationSet set)
    {
        const int seed = 7;
        var folder = Directory.CreateTempSubdirectory("czsl-calibration-").FullName;
        var (manifest, store) = Dataset.Value;
        var split = ExperimentSplits.Holdout(manifest.Records, 1, 0.5, seed)[0];
        var data = ScenarioData.Build(manifest.Records, split, Scenario.ES, TinyDataset.Options.AmateurPolicy);
        var options = TinyDataset.Options with { Epochs = StageEpochs.All(3), Calibration = set };
        using var recipe = new CzslRecipe(options, new RecipeContext
        {
            Store = store, Record = i => manifest.Records[i], Validation = new StratifiedValidation(), Folder = folder,
        }, split.Pool, seed, 0);
        using var model = recipe.Train(data.ForRecipe(), CzslMethod.ExpertOnly).Model;
        var (_, validation) = new StratifiedValidation().Labelled(data.Expert, RecipeStage.ExpertFineTuning,
            recipe.Seeds(Scenario.ES).Split(RecipeStage.ExpertFineTuning));
        var onValidation = TemperatureScaling.Fit(ClassifierStage.Logits(model, store, validation.Indices), validation.Targets);
        var expected = set == CalibrationSet.None || TemperatureScaling.IsAtBound(onValidation) ? 1 : onValidation;
        Assert.AreEqual(expected, model.Temperature, 1e-9);
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public void CalibrationSetNamesRoundTripAndUnknownOnesAreRefused()
    {
        foreach (var set in Enum.GetValues<CalibrationSet>())
            Assert.AreEqual(set, CalibrationSets.Parse(set.Name().ToUpperInvariant()));
        var e = Assert.ThrowsExactly<ArgumentException>(() => CalibrationSets.Parse("test"));
        StringAssert.Contains(e.Message, "expert-labels, validation, none");
    }
}
