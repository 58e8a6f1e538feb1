using CzSL.Data;
using CzSL.Data.Models;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Export;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary>
/// The deployed ML.NET chain reproduces TorchSharp on a real exported model (trained by the recipe, exported to ONNX
/// with its card), and the check catches a card whose pixel scale is wrong.
/// </summary>
[TestClass]
public sealed class ChainCheckTests
{
    [TestMethod]
    public void The_MLNet_chain_matches_TorchSharp_within_the_tolerance_and_a_wrong_pixel_scale_fails()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-chain-").FullName;
        try
        {
            var data = ScenarioData.Build(TinyDataset.Manifest.Records, TinyDataset.Split(5), Scenario.ES, TinyDataset.Options.AmateurPolicy);
            using var recipe = TinyDataset.CompareRecipe(Path.Combine(folder, "work"), 5);
            using var model = recipe.Train(data.ForRecipe(), CzslMethod.Czsl).Model;
            var exported = ModelPackage.ExportClassifier(model, Path.Combine(folder, "models"), "tiny-es", Scenario.ES,
                new Dictionary<string, long>(), new Dictionary<string, double>());
            var torch = ClassifierStage.Predict(model, TinyDataset.Store, data.Test.Indices);

            var check = ChainCheck.Run(exported.CardPath, TinyDataset.Manifest, data.Test.Indices, data.Test.Labels, torch);
            Assert.AreEqual(data.Test.Count, check.Count);
            Assert.IsTrue(check.MaxProbabilityDifference <= 1e-4, $"max |Δp| {check.MaxProbabilityDifference:E2}");
            Assert.AreEqual(0, check.LabelDisagreements, "predicted labels");
            Assert.AreEqual(check.TorchAccuracy, check.MlNetAccuracy, 1e-12);
            Assert.IsTrue(check.Agrees);
            check.EnsureAgrees(exported.CardPath);

            // Negative control: the same ONNX file behind a card that feeds raw 0–255 pixels instead of pixel/255.
            var card = ModelCard.Load(exported.CardPath);
            (card with { Input = card.Input with { PixelScale = 1f } }).Save(exported.CardPath);
            var wrong = ChainCheck.Run(exported.CardPath, TinyDataset.Manifest, data.Test.Indices, data.Test.Labels, torch);
            Assert.IsTrue(wrong.MaxProbabilityDifference > 1e-4, $"a 255× pixel scale must change the scores (max |Δp| {wrong.MaxProbabilityDifference:E2})");
            Assert.IsFalse(wrong.Agrees);
            var e = Assert.ThrowsExactly<InvalidDataException>(() => wrong.EnsureAgrees(exported.CardPath));
            StringAssert.Contains(e.Message, "does not reproduce TorchSharp");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
