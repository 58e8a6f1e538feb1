using CzSL.Data;
using CzSL.Pipeline.Recipe;

namespace CzSL.Pipeline.Tests.Recipe;

[TestClass]
public sealed class RecipeSwitchesTests
{
    private const RecipeStage A = RecipeStage.AutoencoderPretraining, M = RecipeStage.AmateurPretraining,
        T = RecipeStage.LabelTransfer, E = RecipeStage.ExpertFineTuning;

    [TestMethod]
    [DataRow(CzslMethod.Czsl, new[] { A, M, T, E })]
    [DataRow(CzslMethod.CzslNoTransfer, new[] { A, M, E })]
    [DataRow(CzslMethod.NoAutoencoder, new[] { M, T, E })]
    [DataRow(CzslMethod.NoAmateur, new[] { A, E })]
    [DataRow(CzslMethod.ExpertOnly, new[] { E })]
    [DataRow(CzslMethod.AmateurOnly, new[] { M })]
    [DataRow(CzslMethod.AutoencoderAmateur, new[] { A, M })]
    public void EachMethodPlansItsStagesInThePapersOrder(CzslMethod method, RecipeStage[] expected) =>
        CollectionAssert.AreEqual(expected, method.Switches().Plan().ToArray());

    [TestMethod]
    public void VariantsWithoutLabelsOrWithAnOrphanTransferAreRefused()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new RecipeSwitches(true, false, false, false).Plan()).Message, "amateur or expert");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new RecipeSwitches(true, true, true, false).Plan()).Message, "transfer");
    }

    [TestMethod]
    public void MethodNamesRoundTripAndUnknownNamesListTheKnownOnes()
    {
        foreach (var method in CzslMethods.All) Assert.AreEqual(method, CzslMethods.Parse(method.Name().ToUpperInvariant()));
        Assert.AreEqual("autoencoder+amateur", CzslMethod.AutoencoderAmateur.Name());
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => CzslMethods.Parse("czsl2")).Message, "czsl-no-transfer");
    }

    [TestMethod]
    public void StageFoldersAreNamedOnce()
    {
        Assert.AreEqual("autoencoder", RecipeStageNames.Folder(RecipeStage.AutoencoderPretraining));
        Assert.AreEqual("amateur-erl", RecipeStageNames.Folder(RecipeStage.AmateurPretraining, Scenario.ERL));
        Assert.AreEqual("expert-mg-no-amateur", RecipeStageNames.Folder(RecipeStage.ExpertFineTuning, Scenario.MG, "no-amateur"));
    }

    [TestMethod]
    public void SeedsDependOnRepeatScenarioExecutionAndStageOnly()
    {
        var a = RecipeSeeds.For(42, 1, Scenario.ES);
        Assert.AreEqual(a, RecipeSeeds.For(42, 1, Scenario.ES), "same inputs, same seeds");
        // Hand-computed from the rule: 42 + 1000·repeat + 100·(scenario + 1) + 10·stage.
        Assert.AreEqual(42 + 1000 + 100 + 30, a.Training(RecipeStage.ExpertFineTuning));
        Assert.AreEqual(42 + 1000, RecipeSeeds.ForRepeat(42, 1).Training(RecipeStage.AutoencoderPretraining));
        var seeds = new[]
        {
            a.Training(RecipeStage.AmateurPretraining), RecipeSeeds.For(42, 2, Scenario.ES).Training(RecipeStage.AmateurPretraining),
            RecipeSeeds.For(42, 1, Scenario.MG).Training(RecipeStage.AmateurPretraining),
            RecipeSeeds.For(42, 1, Scenario.ES, execution: 3).Training(RecipeStage.AmateurPretraining),
            a.Training(RecipeStage.ExpertFineTuning), (long)a.Split(RecipeStage.AmateurPretraining),
        };
        Assert.AreEqual(seeds.Length, seeds.Distinct().Count(), "repeat, scenario, execution, stage and split each change the seed");
    }
}
