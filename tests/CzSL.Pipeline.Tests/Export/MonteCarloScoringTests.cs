using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.DataPrep.Simulation;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Export;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Export;

/// <summary>
/// An MC-dropout export scored from image files: every scoring route (ONNX Runtime batched, the ML.NET chain's
/// IDataView and PredictionEngine) gives TorchSharp's <see cref="ClassifierStage.PredictMonteCarlo"/> mutual information
/// as <see cref="GalaxyPrediction.Epistemic"/>, and the deterministic probabilities are unchanged; a plain export has none.
/// </summary>
[TestClass]
public sealed class MonteCarloScoringTests
{
    [TestMethod]
    public void Every_route_reads_torchsharps_mutual_information_and_a_plain_model_has_none()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-mc-scoring-").FullName;
        try
        {
            new GalaxySimulator(new SimulationOptions { Count = 12, Size = 16, Seed = 3 }).Simulate(Path.Combine(folder, "data"));
            var manifest = DatasetManifest.Load(Path.Combine(folder, "data"));
            var store = ImageStore.Decode(manifest, new ImagePreprocessing(16));
            var indices = Enumerable.Range(0, manifest.Records.Count).ToArray();
            TorchSharp.torch.manual_seed(8);
            using var model = new CzslClassifier(Preset.Small.Network(2, 16));
            // Larger output weights, so that the dropout samples disagree by far more than the tolerance.
            using (TorchSharp.torch.no_grad())
                foreach (var p in model.Classifier.parameters()) p.mul_(5);
            model.Temperature = 1.3;
            var settings = new MonteCarloDropout { Samples = 20, Seed = 6 };
            var torch = ClassifierStage.PredictMonteCarlo(model, store, indices, settings);
            var deterministic = ClassifierStage.Predict(model, store, indices);
            Assert.IsTrue(torch.MutualInformation.Max() > 20 * 1e-5, string.Join(", ", torch.MutualInformation));

            var mc = ModelPackage.ExportClassifier(model, Path.Combine(folder, "models"), "mc", Scenario.ES,
                new Dictionary<string, long>(), new Dictionary<string, double>(), monteCarlo: settings);
            var plain = ModelPackage.ExportClassifier(model, Path.Combine(folder, "models"), "plain", Scenario.ES,
                new Dictionary<string, long>(), new Dictionary<string, double>());
            Assert.AreEqual(settings, mc.Card.MonteCarloDropout);
            Assert.AreEqual(settings, OnnxModelCard.Read(Path.Combine(folder, "models", "mc.onnx")).MonteCarloDropout, "the ONNX metadata carries it");
            Assert.IsTrue(mc.Parity.Outputs.Any(o => o.Output == "mutual_information"));
            Assert.IsNull(plain.Card.MonteCarloDropout);

            var images = manifest.Records.Select(r => new ImageInput(r.Id, manifest.ImagePath(r))).ToList();
            using (var predictor = new GalaxyPredictor(mc.CardPath, ScoringDevice.Cpu))
            {
                var routes = new Dictionary<string, IReadOnlyList<GalaxyPrediction>>
                {
                    ["batched"] = predictor.PredictBatched(images, batchSize: 5),
                    ["ml.net"] = predictor.PredictWithMlNet(images),
                    ["engine"] = [.. images.Select(i => predictor.PredictOne(i.Path))],
                };
                foreach (var (route, predictions) in routes)
                    for (var i = 0; i < images.Count; i++)
                    {
                        Assert.AreEqual(torch.MutualInformation[i], predictions[i].Epistemic!.Value, 1e-5, $"{route}, image {i}");
                        Assert.AreEqual(deterministic[i][1], predictions[i].Probabilities[1], 1e-5, $"{route}, image {i}: probabilities stay deterministic");
                    }
            }
            using (var predictor = new GalaxyPredictor(plain.CardPath, ScoringDevice.Cpu))
            {
                Assert.IsTrue(predictor.PredictBatched(images).All(p => p.Epistemic is null));
                Assert.IsTrue(predictor.PredictWithMlNet(images).All(p => p.Epistemic is null));
                Assert.IsNull(predictor.PredictOne(images[0].Path).Epistemic);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
