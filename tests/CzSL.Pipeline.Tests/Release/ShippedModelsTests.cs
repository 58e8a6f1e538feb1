using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Data.Models;
using CzSL.MLNet;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Tests.Paper;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Tests.Release;

/// <summary>
/// The models in models/ are the real-image release: their cards say so, and through the ML.NET chain they classify
/// the real expert-labelled galaxies at least as well as their cross-validated lower bound (they were fine-tuned on
/// those labels, so less means the chain feeds them other pixels, another scale or another class order).
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
        var (metric, value) = scenario == Scenario.MG ? ("g_mean", report.Binary!.GMean) : ("accuracy", report.Accuracy);
        var lower = card.Metrics[$"cv_{metric}_ci95_low"];
        Assert.IsTrue(value >= lower, $"{name}: {metric} {value:F3} through the ML.NET chain, below the card's cross-validated lower bound {lower:F3}");
    }
}
