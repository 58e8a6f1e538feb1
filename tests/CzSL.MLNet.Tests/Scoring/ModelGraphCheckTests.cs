using CzSL.Data;
using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using Microsoft.ML;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>A card that does not fit its ONNX graph is refused naming the field, on every scoring route.</summary>
[TestClass]
public sealed class ModelGraphCheckTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Init() => _folder = Directory.CreateTempSubdirectory("czsl-graph-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    // A correctly sealed card (Save) whose contract is wrong for the graph: what a buggy exporter would write.
    private string Card(TinyOnnxClassifier model, Func<ModelCard, ModelCard> change)
    {
        var path = model.WriteWithCard(_folder, "m");
        change(ModelCard.Load(path)).Save(path);
        return path;
    }

    private static void AssertRefusedEverywhere(string card, string field, string fragment)
    {
        var e = Assert.ThrowsExactly<ModelCardException>(() => ModelGraphCheck.LoadVerified(card));
        Assert.AreEqual(field, e.Field);
        StringAssert.Contains(e.Message, fragment);
        Assert.AreEqual(field, Assert.ThrowsExactly<ModelCardException>(() => new OnnxImageScorer(card, ScoringDevice.Cpu)).Field, "batched route");
        Assert.AreEqual(field, Assert.ThrowsExactly<ModelCardException>(() => new GalaxyPredictor(card, ScoringDevice.Cpu)).Field, "predictor");
        Assert.AreEqual(field, Assert.ThrowsExactly<ModelCardException>(() => new MLContext().Transforms.CzslClassifier(card)).Field, "ML.NET chain");
    }

    [TestMethod]
    public void A_card_that_fits_its_graph_loads()
    {
        var card = new TinyOnnxClassifier(ScenarioClasses.ERL, 8, 8).WriteWithCard(_folder, "ok");
        Assert.HasCount(3, ModelGraphCheck.LoadVerified(card).ClassNames);
        using var scorer = new OnnxImageScorer(card, ScoringDevice.Cpu);
        Assert.AreEqual(8, scorer.Size);
    }

    [TestMethod]
    public void An_input_size_other_than_the_graphs_is_refused()
    {
        var card = Card(new TinyOnnxClassifier(ScenarioClasses.ES, 8, 8), c => c with { Input = c.Input with { Width = 16, Height = 16 } });
        AssertRefusedEverywhere(card, "input.height", "[N,3,8,8]");
    }

    [TestMethod]
    public void More_class_names_than_the_graph_has_outputs_are_refused()
    {
        var card = Card(new TinyOnnxClassifier(ScenarioClasses.MG, 8, 8), c => c with { ClassNames = ScenarioClasses.ERL.ToArray() });
        AssertRefusedEverywhere(card, "classNames", "gives 2 probabilities");
    }

    [TestMethod]
    public void An_output_the_graph_does_not_have_is_refused()
    {
        var card = Card(new TinyOnnxClassifier(ScenarioClasses.ES, 8, 8), c => c with { Outputs = c.Outputs with { Probabilities = "scores" } });
        AssertRefusedEverywhere(card, "outputs.probabilities", "'scores' is not an output");
    }
}
