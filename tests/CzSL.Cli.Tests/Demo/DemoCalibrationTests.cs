using CzSL.Cli.Commands;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Stages;

namespace CzSL.Cli.Tests.Demo;

/// <summary>
/// Temperature scaling on the demo: the demo's own data (3,000 simulated galaxies, seed 42), settings and first split;
/// CzSL's ES network, its test ECE against expert labels with and without its fitted temperature.
/// </summary>
[TestClass]
public sealed class DemoCalibrationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TemperatureFittedOnTheExpertLabelsLowersCzslsTestEceOnTheDemo()
    {
        var settings = DemoCommand.Full;
        var root = Directory.CreateTempSubdirectory("czsl-demo-calibration-").FullName;
        try
        {
            var folder = Path.Combine(root, "data");
            new GalaxySimulator(new SimulationOptions
            {
                Count = DemoCommand.FullCount, Size = settings.Recipe.ImageSize, ExpertFraction = DemoCommand.ExpertFraction, Seed = (ulong)settings.Seed,
            }).Simulate(folder);
            var manifest = DatasetManifest.Load(folder);
            var store = ImageStore.Decode(manifest, settings.Recipe.ImageSize);
            var split = ExperimentSplits.Holdout(manifest.Records, settings.Repeats, settings.TestFraction, (ulong)settings.Seed)[0];
            var data = ScenarioData.Build(manifest.Records, split, Scenario.ES, settings.Recipe.AmateurPolicy);
            using var recipe = new CzslRecipe(settings.Recipe, new RecipeContext
            {
                Store = store, Record = i => manifest.Records[i], Validation = new StratifiedValidation(), Folder = Path.Combine(root, "work"),
            }, split.Pool, settings.Seed, split.Repeat);
            using var model = recipe.Train(data.ForRecipe(), CzslMethod.Czsl).Model;

            double Ece(double t) => ClassificationMetrics.ExpectedCalibrationError(data.Test.Labels,
                ClassifierStage.Predict(model, store, data.Test.Indices, temperature: t));
            var t = model.Temperature;
            var (before, after) = (Ece(1), Ece(t));
            // The earlier rule, for contrast: the validation split alone (it chose the best epoch) — its fit is kept only
            // inside the search's bounds, as ClassifierStage.Calibrate does.
            var (_, validation) = new StratifiedValidation().Labelled(data.Expert, RecipeStage.ExpertFineTuning,
                recipe.Seeds(Scenario.ES).Split(RecipeStage.ExpertFineTuning));
            var tValidation = TemperatureScaling.Fit(ClassifierStage.Logits(model, store, validation.Indices), validation.Targets);
            if (TemperatureScaling.IsAtBound(tValidation)) tValidation = 1;
            var validationOnly = Ece(tValidation);
            TestContext.WriteLine($"T = {t:F3} (validation only: {tValidation:F3}); test ECE {before:F4} → {after:F4} (validation only: {validationOnly:F4}) on {data.Test.Count} galaxies");

            Assert.AreNotEqual(1.0, t, "a temperature was fitted");
            Assert.IsTrue(after < before, $"ECE after scaling {after:F4} < before {before:F4} (T = {t:F3})");
            Assert.IsTrue(validationOnly >= before, $"negative control: the validation split alone does not lower it here ({validationOnly:F4} vs {before:F4}, T = {tValidation:F3})");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
