using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Export;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Export;

/// <summary>
/// A network trained on centre-cropped, area-downscaled images is exported with the crop and the downscale as its
/// first graph nodes: the ML.NET chain, fed the image files, gives TorchSharp's probabilities on the training store,
/// and the card records the preprocessing. Negative control: the same weights on plainly resized images differ.
/// </summary>
[TestClass]
public sealed class PreprocessingChainTests
{
    [TestMethod]
    public void The_MLNet_chain_crops_and_downscales_as_training_did()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-prep-chain-").FullName;
        try
        {
            new GalaxySimulator(new SimulationOptions { Count = 24, Size = 64, ExpertFraction = 1, Seed = 9 }).Simulate(Path.Combine(folder, "data"));
            var manifest = DatasetManifest.Load(Path.Combine(folder, "data"));
            var preprocessing = new ImagePreprocessing(16, 2, 0.5);
            var store = ImageStore.Decode(manifest, preprocessing);
            var indices = Enumerable.Range(0, manifest.Records.Count).ToArray();
            TorchSharp.torch.manual_seed(4);
            using var model = new CzslClassifier(Preset.Small.Network(2, 16).For(preprocessing));
            var torch = ClassifierStage.Predict(model, store, indices);

            var exported = ModelPackage.ExportClassifier(model, Path.Combine(folder, "models"), "prep", Scenario.ES,
                new Dictionary<string, long>(), new Dictionary<string, double>());
            var card = ModelCard.Load(exported.CardPath);
            Assert.AreEqual((64, 64), (card.Input.Width, card.Input.Height), "the chain resizes files to 16·2/0.5 px");
            Assert.AreEqual(new InGraphPreprocessing { NetworkSize = 16, CentreCrop = 0.5, CropSize = 32, Downscale = 2, Description = preprocessing.ToString() },
                card.Input.Preprocessing);

            var labels = indices.Select(i => 0).ToArray();
            var check = ChainCheck.Run(exported.CardPath, manifest, indices, labels, torch);
            Assert.IsTrue(check.MaxProbabilityDifference <= 1e-5, $"max |Δp| {check.MaxProbabilityDifference:E2}");
            Assert.AreEqual(0, check.LabelDisagreements);

            // Negative control: the same weights fed the whole frame resized to 16 px (no crop, no average).
            var plain = new ImagePreprocessing(16);
            using var plainModel = new CzslClassifier(Preset.Small.Network(2, 16).For(plain));
            plainModel.load_state_dict(model.state_dict());
            var other = ClassifierStage.Predict(plainModel, ImageStore.Decode(manifest, plain), indices);
            var difference = torch.Zip(other, (a, b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max()).Max();
            Assert.IsTrue(difference > 1e-3, $"plain resizing must change the probabilities (max |Δp| {difference:E2})");
            Assert.IsFalse(ChainCheck.Run(exported.CardPath, manifest, indices, labels, other).Agrees);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
