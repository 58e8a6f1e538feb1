using System.Text.Json;
using CzSL.Data;
using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using Google.Protobuf;
using Onnx;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>The ONNX file alone describes the model: the card's fields travel in its metadata_props.</summary>
[TestClass]
public sealed class OnnxModelCardTests
{
    private static ScoringFixture _fx = null!;
    private static ModelCard _card = null!;
    private static string _selfDescribing = null!;

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _fx = new ScoringFixture();
        _card = ModelCard.Load(_fx.ErlCard) with
        {
            About = new ModelAbout { TrainedOn = "8×8 random images", IntendedUse = "tests", Citation = "none", License = "MIT" },
            Input = ModelCard.Load(_fx.ErlCard).Input with { PixelScale = 1f / 255f, PixelOffset = 0f },
        };
        // The tiny network's ONNX file with the card's metadata added, as the exporter writes it.
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_card.OnnxPath(_fx.ErlCard)));
        foreach (var (key, value) in OnnxCardMetadata.From(_card)) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        _selfDescribing = Path.Combine(_fx.Folder, "self.onnx");
        File.WriteAllBytes(_selfDescribing, model.ToByteArray());
    }

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    [TestMethod]
    public void The_card_read_from_the_onnx_file_has_the_class_names_input_contract_task_and_licence()
    {
        var read = OnnxModelCard.Read(_selfDescribing);
        CollectionAssert.AreEqual(ScenarioClasses.ERL.ToArray(), read.ClassNames.ToArray());
        Assert.AreEqual(_card.Input, read.Input with { Mean = _card.Input.Mean, Std = _card.Input.Std });
        Assert.AreEqual(ScoringFixture.Size, read.Input.Width);
        Assert.AreEqual("NCHW", read.Input.Layout);
        Assert.AreEqual(1f / 255f, read.Input.PixelScale);
        Assert.AreEqual(ModelKind.Classifier, read.Kind);
        Assert.AreEqual("MIT", read.About!.License);
        Assert.AreEqual("self.onnx", read.OnnxFile);
        Assert.AreEqual(ModelCard.ComputeSha256(_selfDescribing), read.OnnxSha256);
    }

    [TestMethod]
    public void Metadata_holds_each_card_field_as_its_card_json_so_new_fields_flow_through()
    {
        var metadata = OnnxCardMetadata.From(_card);
        var cardJson = JsonSerializer.SerializeToNode(_card, ModelCard.JsonOptions)!.AsObject();
        Assert.AreEqual(cardJson["input"]!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(metadata["czsl.card.input"])!.ToJsonString());
        Assert.AreEqual("[\"elliptical\",\"clockwise\",\"anticlockwise\"]", metadata["czsl.card.classNames"]);
        foreach (var notStored in new[] { "onnxSha256", "onnxFile", "integrity", "metrics" })
            Assert.IsFalse(metadata.ContainsKey("czsl.card." + notStored), notStored);
    }

    [TestMethod]
    public void The_chain_scores_from_the_onnx_file_alone_as_from_its_card()
    {
        using var fromCard = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);
        using var fromOnnx = new GalaxyPredictor(_selfDescribing, ScoringDevice.Cpu);
        for (var i = 0; i < 3; i++)
            CollectionAssert.AreEqual(fromCard.PredictOne(_fx.ImagePaths[i]).Probabilities, fromOnnx.PredictOne(_fx.ImagePaths[i]).Probabilities);
        // The batched route (czsl predict's) reads the card the file carries too.
        var images = _fx.ImagePaths.Take(3).Select(p => new ImageInput(Path.GetFileNameWithoutExtension(p), p)).ToArray();
        var batchedFromCard = fromCard.PredictBatched(images);
        var batchedFromOnnx = fromOnnx.PredictBatched(images);
        for (var i = 0; i < images.Length; i++)
            CollectionAssert.AreEqual(batchedFromCard[i].Probabilities, batchedFromOnnx[i].Probabilities);
        using var scorer = new OnnxImageScorer(_selfDescribing, ScoringDevice.Cpu);
        Assert.AreEqual(fromCard.Card.ClassNames.Count, scorer.Card.ClassNames.Count);
    }

    [TestMethod]
    public void An_onnx_file_without_a_card_or_with_a_broken_field_is_refused_naming_it()
    {
        var plain = _card.OnnxPath(_fx.ErlCard);
        var none = Assert.Throws<ModelCardException>(() => OnnxModelCard.Read(plain));
        StringAssert.Contains(none.Message, "holds no model card");
        StringAssert.Contains(none.Message, plain);

        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_selfDescribing));
        model.MetadataProps.Single(p => p.Key == "czsl.card.input").Value = "{\"width\": 8, \"height\": 0}";
        var broken = Path.Combine(_fx.Folder, "broken.onnx");
        File.WriteAllBytes(broken, model.ToByteArray());
        var error = Assert.Throws<ModelCardException>(() => OnnxModelCard.Read(broken));
        Assert.AreEqual("input.height", error.Field);
    }
}
