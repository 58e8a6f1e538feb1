using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Data.Images;
using CzSL.Data.Models;
using CzSL.MLNet;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Release;
using CzSL.Training.Modules;
using CzSL.Pipeline.Tests.Paper;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Tests.Release;

/// <summary>
/// The models in models/ are the real-image release: their cards say so, their TorchSharp weights ship beside them
/// (NAME.torch/), and on the real expert-labelled galaxies the ML.NET chain (files → ResizeImages → ONNX with the crop
/// and area downscale in the graph) gives the probabilities the TorchSharp network gives on the same files decoded and
/// averaged by the training code — so the chain feeds the network the pixels, scale and class order it was trained on —
/// and it does better than always answering the majority class.
/// </summary>
[TestClass]
public sealed class ShippedModelsTests
{
    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class ScoreRow
    {
        [ColumnName(CzslColumns.Score)]
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    [DataRow("es")]
    [DataRow("erl")]
    [DataRow("mg")]
    public void AShippedModelScoresRealExpertLabelledGalaxiesThroughTheMlNetChainAsItsCardSays(string name)
    {
        var cardPath = Path.Combine(SharedData.RepositoryRoot(), "models", $"czsl-{name}.card.json");
        Assert.IsTrue(File.Exists(cardPath), $"{cardPath} is shipped with the repository");
        var card = ModelCard.Load(cardPath);
        Assert.IsNotNull(card.About, "a shipped card says what the model was trained on");
        StringAssert.Contains(card.About.TrainedOn, "Real SDSS");
        Assert.IsTrue(card.Input.Width >= 64, $"shipped models work at 64 px or more (card: {card.Input.Width})");
        Assert.AreEqual(name == "mg", card.DecisionThreshold is not null, "the rare-class model carries the threshold its cross-validation used");

        var images = SharedData.Require(Path.Combine("gz1-sdss", "images"));
        var scenario = ScenarioNames.Parse(name);
        var tables = PaperTables.Load(SharedData.Require("czsl-paper"));
        var galaxies = tables.Table(PaperLabels.TableOf(scenario)).Records
            .Select(r => (Record: r, Path: Path.Combine(images, r.Id + ".jpeg")))
            .Where(g => g.Record.Expert(scenario) is not null && File.Exists(g.Path)).ToList();
        Assert.AreEqual(card.TrainingData["expert_labelled"], galaxies.Count, "the card counts the expert labels it was trained on");

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(galaxies.Select(g => new ImageRow { ImagePath = g.Path }));
        var scored = ml.Transforms.CzslClassifier(cardPath).Fit(data).Transform(data);
        var probabilities = ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score).ToList();
        var truth = galaxies.Select(g => PaperLabels.Expert(g.Record, scenario)).ToArray();
        var report = ClassificationMetrics.Compute(truth, probabilities, card.ClassNames.Count, card.DecisionThreshold ?? 0.5);
        if (scenario.IsRareBinary) Assert.IsTrue(report.Binary!.GMean > 0, $"{name}: G-mean {report.Binary.GMean:F3} — the chain finds no merger");
        else
        {
            var majority = truth.GroupBy(t => t).Max(g => g.Count()) / (double)truth.Length;
            Assert.IsTrue(report.Accuracy > majority, $"{name}: accuracy {report.Accuracy:F3} through the chain, not above the majority class's {majority:F3}");
        }

        // The same galaxies through the shipped TorchSharp network and the training code's preprocessing.
        using var network = ModelFiles.LoadClassifier(ModelRelease.TorchFolder(cardPath));
        var preprocessing = network.Config.Preprocessing;
        Assert.AreEqual(card.Input.Preprocessing?.ToPreprocessing() ?? new ImagePreprocessing(card.Input.Width), preprocessing, "the card records the network's preprocessing");
        var side = preprocessing.CropSize;
        var maxDifference = 0.0;
        var disagreements = 0;
        for (var start = 0; start < galaxies.Count; start += 32)
        {
            var batch = galaxies.Skip(start).Take(32).ToList();
            var bytes = new byte[side * side * 3];
            var values = new float[batch.Count * 3 * side * side];
            for (var b = 0; b < batch.Count; b++)
            {
                ImageDecoder.DecodeRgb(batch[b].Path, preprocessing, bytes);
                for (var i = 0; i < side * side; i++)
                    for (var c = 0; c < 3; c++)
                        values[((b * 3 + c) * side * side) + i] = bytes[i * 3 + c] / 255f;
            }
            using var scope = TorchSharp.torch.NewDisposeScope();
            using var noGrad = TorchSharp.torch.no_grad();
            network.eval();
            var x = TorchSharp.torch.tensor(values, [batch.Count, 3, side, side]);
            var torchP = network.Probabilities(InputPreprocessing.FromResized(x, new ImagePreprocessing(preprocessing.Size, preprocessing.Downscale))).data<float>().ToArray();
            var k = card.ClassNames.Count;
            for (var b = 0; b < batch.Count; b++)
            {
                var chain = probabilities[start + b];
                for (var c = 0; c < k; c++) maxDifference = Math.Max(maxDifference, Math.Abs(chain[c] - torchP[b * k + c]));
                if (Array.IndexOf(chain, chain.Max()) != Enumerable.Range(0, k).MaxBy(c => torchP[b * k + c])) disagreements++;
            }
        }
        Assert.IsTrue(maxDifference <= 1e-4, $"{name}: ML.NET chain vs TorchSharp max |Δp| {maxDifference:E2}");
        Assert.AreEqual(0, disagreements, $"{name}: predicted classes that differ between the chain and TorchSharp");
    }
}
