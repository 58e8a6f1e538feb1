using CzSL.Data;
using CzSL.Data.Models;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Release;
using CzSL.Pipeline.Tests.Recipe;

namespace CzSL.Pipeline.Tests.Release;

[TestClass]
public sealed class ModelReleaseTests
{
    [TestMethod]
    public void AReleaseCrossValidatesAndShipsACardThatSaysWhatItWasTrainedOn()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-release-").FullName;
        var options = new ReleaseOptions
        {
            Recipe = TinyDataset.Options, Scenarios = [Scenario.ES], Folds = 2, Seed = 5, DataDescription = "simulated test galaxies, 16 px",
            MonteCarlo = new MonteCarloDropout { Samples = 5, Seed = 3 },
        };
        var log = new List<string>();
        var released = new ModelRelease(options, log: log.Add).Run(TinyDataset.Manifest, Path.Combine(folder, "models"), Path.Combine(folder, "work"));

        var es = released.Single();
        Assert.HasCount(2, es.FoldMetrics[CzslMethod.Czsl.Name()], "one accuracy per fold");
        var expert = TinyDataset.Manifest.Records.Count(r => r.ExpertES is not null);
        Assert.AreEqual(expert, es.ExpertLabels);
        Assert.AreEqual(TinyDataset.Manifest.Records.Count(r => r.ExpertES is null && r.Votes is not null), es.AmateurLabels,
            "the amateur set is every galaxy with votes and no expert label");

        var card = ModelCard.Load(es.Model.CardPath);
        Assert.IsNotNull(card.About);
        StringAssert.Contains(card.About.TrainedOn, "simulated test galaxies");
        StringAssert.Contains(card.About.Citation, "Jimenez");
        Assert.AreEqual(es.FoldMetrics[CzslMethod.Czsl.Name()].Average(), card.Metrics["cv_accuracy_mean"], 1e-12);
        Assert.IsTrue(card.Metrics["cv_accuracy_ci95_low"] <= card.Metrics["cv_accuracy_mean"]);
        Assert.AreEqual(expert, card.TrainingData["expert_labelled"]);
        Assert.AreEqual(new MonteCarloDropout { Samples = 5, Seed = 3 }, card.MonteCarloDropout, "the release carries the MC-dropout it was asked for");
        Assert.IsNotNull(card.Outputs.MutualInformation);
        var summary = File.ReadAllText(Path.Combine(folder, "models", ReleaseReport.FileName));
        StringAssert.Contains(summary, "| czsl | accuracy |");
        StringAssert.Contains(summary, "expert-only");
    }
}
