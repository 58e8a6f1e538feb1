using CzSL.Data;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary>The recipe trains what its switches say, and one seed gives one result whichever verb runs it.</summary>
[TestClass]
public sealed class CzslRecipeTests
{
    private static string NewFolder() => Directory.CreateTempSubdirectory("czsl-recipe-").FullName;

    private static float[][] TestProbabilities(CzslClassifier model, int seed, Scenario? scenario = null) =>
        ClassifierStage.Predict(model, TinyDataset.Store, Data(seed, scenario).Test.Indices);

    private static ScenarioData Data(int seed, Scenario? scenario = null) =>
        ScenarioData.Build(TinyDataset.Manifest.Records, TinyDataset.Split(seed), scenario ?? Scenario.ES, TinyDataset.Options.AmateurPolicy);

    [TestMethod]
    [DataRow(CzslMethod.Czsl, new[] { "autoencoder", "amateur-es", "expert-es" })]
    [DataRow(CzslMethod.NoAmateur, new[] { "autoencoder", "expert-es-no-amateur" })]
    [DataRow(CzslMethod.ExpertOnly, new[] { "expert-es-expert-only" })]
    [DataRow(CzslMethod.AmateurOnly, new[] { "amateur-es-no-autoencoder" })]
    [DataRow(CzslMethod.NoAutoencoder, new[] { "amateur-es-no-autoencoder", "expert-es-no-autoencoder" })]
    public void AVariantTrainsExactlyTheStagesItsSwitchesSelect(CzslMethod method, string[] folders)
    {
        var folder = NewFolder();
        using (var recipe = TinyDataset.CompareRecipe(folder, 7))
        {
            var result = recipe.Train(Data(7).ForRecipe(), method);
            using (result.Model) CollectionAssert.AreEqual(method.Switches().Plan().ToArray(), result.Stages.ToArray());
        }
        // What was trained is on disk, each with its training curve; nothing else was.
        var trained = Directory.GetDirectories(folder).Select(Path.GetFileName).Order().ToArray();
        CollectionAssert.AreEqual(folders.Order().ToArray(), trained);
        foreach (var f in folders) Assert.IsTrue(File.Exists(Path.Combine(folder, f, RecipeContext.CurveFile)), $"{f} has no training curve");
    }

    [TestMethod]
    public void TheTransferRelabelsOnlyTheAmateurSetAndOnlyWhereVotesExist()
    {
        using var recipe = TinyDataset.CompareRecipe(NewFolder(), 7);
        var data = Data(7).ForRecipe();
        var transfer = recipe.Transfer(data);
        CollectionAssert.AreEqual(data.Amateur.Indices, transfer.Relabelled.Indices);
        Assert.AreSame(transfer, recipe.Transfer(data), "the transfer runs once per scenario and is shared by the variants");
        var changed = Enumerable.Range(0, data.Amateur.Count).Count(k => transfer.Relabelled.Labels[k] != data.Amateur.Labels[k]);
        Assert.IsTrue(changed > 0, "a fitted transfer disagrees with the raw majority somewhere (else this test could not fail)");
    }

    [TestMethod]
    public void TrainCzslAndCompareGiveTheSameNetworkForTheSameSeed()
    {
        // compare: repeat 0 of a comparison with seed 11.
        float[][] compared;
        using (var recipe = TinyDataset.CompareRecipe(NewFolder(), 11))
        using (var czsl = recipe.Train(Data(11).ForRecipe(), CzslMethod.Czsl).Model)
            compared = TestProbabilities(czsl, 11);

        // train autoencoder → train amateur → train expert (three runs into one folder, with checkpoints).
        var stagewise = new StagewiseTraining(TinyDataset.Manifest, TinyDataset.Options, TinyDataset.TestFraction, 11, NewFolder(), null, resume: false);
        stagewise.Autoencoder();
        stagewise.Amateur(Scenario.ES, CzslMethod.Czsl);
        stagewise.Expert(Scenario.ES, CzslMethod.Czsl);
        using (var trained = ModelFiles.LoadClassifier(stagewise.ModelFolder(Scenario.ES, CzslMethod.Czsl)))
            AssertSame(compared, TestProbabilities(trained, 11), "train autoencoder/amateur/expert vs compare");

        // train czsl: every stage in one run.
        var all = new StagewiseTraining(TinyDataset.Manifest, TinyDataset.Options, TinyDataset.TestFraction, 11, NewFolder(), null, resume: false);
        all.All(Scenario.ES, CzslMethod.Czsl);
        using (var trained = ModelFiles.LoadClassifier(all.ModelFolder(Scenario.ES, CzslMethod.Czsl)))
            AssertSame(compared, TestProbabilities(trained, 11), "train czsl vs compare");

        // Negative control: another seed gives another network.
        using var other = TinyDataset.CompareRecipe(NewFolder(), 12);
        using var otherModel = other.Train(Data(11).ForRecipe(), CzslMethod.Czsl).Model;
        var difference = MaxDifference(compared, TestProbabilities(otherModel, 11));
        Assert.IsTrue(difference > 1e-4, $"seed 12 should differ from seed 11 (max |Δp| {difference:E1})");
    }

    [TestMethod]
    public void ReproduceStyleOptionsAreDeterministicAndKeepTheLastEpoch()
    {
        var paper = TinyDataset.Options with { Preset = Preset.Paper, Epochs = StageEpochs.All(2) };
        float[][] Run(int seed)
        {
            using var recipe = TinyDataset.CompareRecipe(NewFolder(), seed, paper, new PaperValidation(PaperSampling.None));
            using var model = recipe.Train(Data(3).ForRecipe(), CzslMethod.Czsl).Model;
            return TestProbabilities(model, 3);
        }
        var first = Run(3);
        AssertSame(first, Run(3), "the paper's options with the same seed");
        Assert.IsTrue(MaxDifference(first, Run(4)) > 0, "another seed gives another network");
        // The paper preset keeps the last epoch: its stage settings neither restore the best epoch nor stop early.
        var settings = paper.ClassifierStage(Scenario.ES, 2, 1, null, fineTuning: true);
        Assert.IsFalse(settings.Training.RestoreBest);
        Assert.IsNull(settings.Training.Patience);
        Assert.AreEqual(1.0, settings.EncoderLrMultiplier);
    }

    private static void AssertSame(float[][] expected, float[][] actual, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        var difference = MaxDifference(expected, actual);
        Assert.IsTrue(difference <= 1e-6, $"{what}: max |Δp| {difference:E2}");
    }

    private static double MaxDifference(float[][] a, float[][] b) =>
        a.Zip(b).SelectMany(p => p.First.Zip(p.Second, (x, y) => (double)Math.Abs(x - y))).Max();
}
