using System.Text.Json.Nodes;
using CzSL.Data;
using CzSL.Data.Models;

namespace CzSL.MLNet.Tests.Scoring;

[TestClass]
public sealed class ModelCardTests
{
    private string _folder = null!;
    private string _card = null!;

    [TestInitialize]
    public void Init()
    {
        _folder = Directory.CreateTempSubdirectory("czsl-card-").FullName;
        _card = new TinyOnnxClassifier(ScenarioClasses.ES, 8, 8).WriteWithCard(_folder, "es");
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private JsonObject Json() => JsonNode.Parse(File.ReadAllText(_card))!.AsObject();

    private void Write(JsonObject json) => File.WriteAllText(_card, json.ToJsonString());

    private ModelCardException LoadFails(bool verifyHash = true) =>
        Assert.ThrowsExactly<ModelCardException>(() => ModelCard.Load(_card, verifyHash));

    [TestMethod]
    public void Save_and_load_round_trip_every_field()
    {
        var original = ModelCard.Load(_card) with
        {
            Scenario = Scenario.ES,
            Input = new ModelInputSpec { Width = 8, Height = 8, Mean = [0.1f, 0.2f, 0.3f], Std = [0.5f, 0.5f, 0.25f] },
            TrainingData = new Dictionary<string, long> { ["expert"] = 439, ["amateur"] = 6225 },
            Metrics = new Dictionary<string, double> { ["accuracy"] = 0.93, ["g_mean"] = double.NaN },
        };
        original.Save(_card);
        var loaded = ModelCard.Load(_card);

        Assert.AreEqual(ModelKind.Classifier, loaded.Kind);
        Assert.AreEqual(Scenario.ES, loaded.Scenario);
        Assert.AreEqual("es.onnx", loaded.OnnxFile);
        Assert.AreEqual(original.OnnxSha256, loaded.OnnxSha256);
        Assert.AreEqual(original.Input with { Mean = null, Std = null }, loaded.Input with { Mean = null, Std = null });
        CollectionAssert.AreEqual(new[] { 0.1f, 0.2f, 0.3f }, loaded.Input.Mean!.ToArray());
        CollectionAssert.AreEqual(new[] { 0.5f, 0.5f, 0.25f }, loaded.Input.Std!.ToArray());
        Assert.AreEqual(original.Outputs, loaded.Outputs);
        CollectionAssert.AreEqual(ScenarioClasses.ES.ToArray(), loaded.ClassNames.ToArray());
        Assert.AreEqual(439L, loaded.TrainingData["expert"]);
        Assert.AreEqual(0.93, loaded.Metrics["accuracy"]);
        Assert.IsTrue(double.IsNaN(loaded.Metrics["g_mean"]));
        Assert.AreEqual(original.Exporter, loaded.Exporter);
        Assert.AreEqual(original.CreatedUtc, loaded.CreatedUtc);
        Assert.AreEqual(1f / 255f, loaded.Input.PixelScale);
        Assert.AreEqual(Path.Combine(_folder, "es.onnx"), loaded.OnnxPath(_card));
    }

    [TestMethod]
    public void Json_uses_the_documented_names_and_values()
    {
        var json = Json();
        Assert.AreEqual("classifier", (string?)json["kind"]);
        Assert.AreEqual(2, (int?)json["formatVersion"]);
        Assert.AreEqual(16, ((string?)json["integrity"]!["classNames"])!.Length);
        Assert.IsNull(json["integrity"]!["metrics"], "descriptive fields are not covered");
        Assert.AreEqual("image", (string?)json["input"]!["name"]);
        Assert.AreEqual("NCHW", (string?)json["input"]!["layout"]);
        Assert.AreEqual("RGB", (string?)json["input"]!["channelOrder"]);
        Assert.AreEqual("probabilities", (string?)json["outputs"]!["probabilities"]);
        Assert.AreEqual("embedding", (string?)json["outputs"]!["embedding"]);
        Assert.AreEqual(64, ((string?)json["onnxSha256"])!.Length);
        Assert.IsFalse(Directory.GetFiles(_folder, "*.tmp").Any(), "atomic save leaves no temp file");
    }

    [TestMethod]
    public void Changed_onnx_file_fails_the_hash_check_naming_card_and_field()
    {
        File.AppendAllText(Path.Combine(_folder, "es.onnx"), " ");
        var ex = LoadFails();
        Assert.AreEqual("onnxSha256", ex.Field);
        StringAssert.Contains(ex.Message, _card);
        StringAssert.Contains(ex.Message, "es.onnx");
        Assert.IsNotNull(ModelCard.Load(_card, verifyHash: false));
    }

    [TestMethod]
    public void Missing_onnx_file_is_reported()
    {
        File.Delete(Path.Combine(_folder, "es.onnx"));
        var ex = LoadFails();
        Assert.AreEqual("onnxFile", ex.Field);
        StringAssert.Contains(ex.Message, "does not exist");
    }

    [TestMethod]
    [DataRow("input.width", 0, "must be > 0")]
    [DataRow("input.height", -3, "must be > 0")]
    [DataRow("input.channels", 1, "expected 3")]
    [DataRow("formatVersion", 3, "reads versions 1 to 2")]
    [DataRow("outputs.embeddingSize", 0, "must be > 0")]
    public void Out_of_range_numbers_name_the_field(string field, int value, string problem)
    {
        var json = Json();
        var parts = field.Split('.');
        var node = parts.Length == 1 ? json : json[parts[0]]!.AsObject();
        node[parts[^1]] = value;
        Write(json);
        var ex = LoadFails(verifyHash: false);
        Assert.AreEqual(field, ex.Field);
        StringAssert.Contains(ex.Message, problem);
        StringAssert.Contains(ex.Message, _card);
    }

    [TestMethod]
    public void A_classifier_needs_more_than_one_class()
    {
        var json = Json();
        json["classNames"] = new JsonArray("elliptical");
        Write(json);
        var ex = LoadFails(verifyHash: false);
        Assert.AreEqual("classNames", ex.Field);
        StringAssert.Contains(ex.Message, "at least 2 classes");
    }

    [TestMethod]
    public void Duplicate_class_names_and_scenario_mismatch_are_rejected()
    {
        var json = Json();
        json["classNames"] = new JsonArray("spiral", "Spiral");
        Write(json);
        Assert.AreEqual("classNames[1]", LoadFails(false).Field);

        json["classNames"] = new JsonArray("spiral", "elliptical");
        json["scenario"] = "ES";
        Write(json);
        var ex = LoadFails(false);
        Assert.AreEqual("classNames", ex.Field);
        StringAssert.Contains(ex.Message, "scenario ES");
    }

    [TestMethod]
    public void Missing_required_field_fails_naming_it()
    {
        var json = Json();
        json.Remove("onnxFile");
        Write(json);
        var ex = LoadFails(false);
        StringAssert.Contains(ex.Message, "onnxFile");
        StringAssert.Contains(ex.Message, _card);
    }

    [TestMethod]
    public void Unknown_field_and_bad_kind_fail()
    {
        var json = Json();
        json["clasNames"] = new JsonArray("a", "b");
        Write(json);
        StringAssert.Contains(LoadFails(false).Message, "clasNames");

        json.Remove("clasNames");
        json["kind"] = "regressor";
        Write(json);
        StringAssert.Contains(LoadFails(false).Message, "kind");
    }

    [TestMethod]
    public void Mc_dropout_settings_round_trip_need_their_outputs_and_are_sealed()
    {
        var mc = ModelCard.Load(_card) with
        {
            MonteCarloDropout = new MonteCarloDropout { Samples = 30, Seed = 4 },
            Outputs = ModelCard.Load(_card).Outputs with { MonteCarloProbabilities = "mc_probabilities", MutualInformation = "mutual_information" },
        };
        mc.Save(_card);
        var loaded = ModelCard.Load(_card, verifyHash: false);
        Assert.AreEqual(new MonteCarloDropout { Samples = 30, Seed = 4 }, loaded.MonteCarloDropout);
        Assert.AreEqual("mutual_information", loaded.Outputs.MutualInformation);
        StringAssert.Contains(File.ReadAllText(_card), "\"monteCarloDropout\": {");

        var json = Json();
        json["monteCarloDropout"]!["seed"] = 5;
        Write(json);
        Assert.AreEqual("monteCarloDropout.seed", LoadFails().Field, "another seed is another model: the integrity record catches it");

        Assert.AreEqual("outputs.mutualInformation", Invalid(mc with { Outputs = mc.Outputs with { MutualInformation = null } }).Field);
        Assert.AreEqual("monteCarloDropout", Invalid(mc with { MonteCarloDropout = null }).Field);
        Assert.AreEqual("monteCarloDropout.samples", Invalid(mc with { MonteCarloDropout = new MonteCarloDropout { Samples = 1 } }).Field);
    }

    private static ModelCardException Invalid(ModelCard card) => Assert.ThrowsExactly<ModelCardException>(() => card.Validate());

    [TestMethod]
    public void Kind_decides_the_required_output_and_mean_needs_std()
    {
        var json = Json();
        json["outputs"]!.AsObject().Remove("probabilities");
        Write(json);
        Assert.AreEqual("outputs.probabilities", LoadFails(false).Field);

        json = Json();
        json["input"]!["mean"] = new JsonArray(0.5, 0.5, 0.5);
        Write(json);
        Assert.AreEqual("input.std", LoadFails(false).Field);

        json["input"]!["std"] = new JsonArray(0.5, 0.0, 0.5);
        Write(json);
        Assert.AreEqual("input.std", LoadFails(false).Field);
    }

    [TestMethod]
    public void Absolute_onnx_path_and_bad_hash_text_are_rejected()
    {
        var json = Json();
        json["onnxFile"] = Path.Combine(_folder, "es.onnx");
        Write(json);
        Assert.AreEqual("onnxFile", LoadFails(false).Field);

        json["onnxFile"] = "es.onnx";
        json["onnxSha256"] = "abc";
        Write(json);
        Assert.AreEqual("onnxSha256", LoadFails(false).Field);
    }

    [TestMethod]
    public void Not_json_and_missing_card_fail_clearly()
    {
        File.WriteAllText(_card, "{ not json");
        var ex = LoadFails(false);
        Assert.IsNull(ex.Field);
        StringAssert.Contains(ex.Message, _card);
        Assert.ThrowsExactly<FileNotFoundException>(() => ModelCard.Load(Path.Combine(_folder, "absent.json")));
    }

    [TestMethod]
    public void Save_refuses_an_invalid_card_and_leaves_the_old_file()
    {
        var before = File.ReadAllText(_card);
        var bad = ModelCard.Load(_card) with { Input = new ModelInputSpec { Width = 0, Height = 8 } };
        Assert.AreEqual("input.width", Assert.ThrowsExactly<ModelCardException>(() => bad.Save(_card)).Field);
        Assert.AreEqual(before, File.ReadAllText(_card));
    }

    [TestMethod]
    [DataRow("classNames", "[\"spiral\",\"elliptical\"]")]
    [DataRow("input.pixelScale", "1")]
    [DataRow("input.pixelOffset", "128")]
    [DataRow("input.width", "16")]
    [DataRow("outputs.probabilities", "\"embedding2\"")]
    [DataRow("temperature", "0.5")]
    public void A_card_edited_after_export_is_refused_naming_the_field(string field, string json)
    {
        var card = Json();
        var parts = field.Split('.');
        var node = parts.Length == 1 ? card : card[parts[0]]!.AsObject();
        node[parts[^1]] = JsonNode.Parse(json);
        Write(card);
        var ex = LoadFails();
        Assert.AreEqual(field, ex.Field);
        StringAssert.Contains(ex.Message, "edited after export");
        StringAssert.Contains(ex.Message, _card);
    }

    [TestMethod]
    public void Added_or_removed_fields_are_named_and_descriptive_fields_may_change()
    {
        var card = Json();
        card["metrics"] = new JsonObject { ["accuracy"] = 0.99 };
        card["trainingData"] = new JsonObject { ["expert"] = 1 };
        Write(card);
        Assert.AreEqual(0.99, ModelCard.Load(_card).Metrics["accuracy"], "negative control: metrics are not covered");

        card["scenario"] = "ES";
        Write(card);
        var added = LoadFails();
        Assert.AreEqual("scenario", added.Field);
        StringAssert.Contains(added.Message, "added: scenario");

        card.Remove("scenario");
        card["outputs"]!.AsObject().Remove("embedding");
        card["outputs"]!.AsObject().Remove("embeddingSize");
        Write(card);
        StringAssert.Contains(LoadFails().Message, "removed: outputs.embedding, outputs.embeddingSize");
    }

    [TestMethod]
    public void A_card_without_an_integrity_record_is_refused_with_advice()
    {
        var card = Json();
        card.Remove("integrity");
        card["formatVersion"] = 1;
        Write(card);
        var ex = LoadFails();
        Assert.AreEqual("integrity", ex.Field);
        StringAssert.Contains(ex.Message, "czsl export");
        Assert.AreEqual(1, ModelCard.Load(_card, verifyHash: false).FormatVersion, "readable without verification");
    }

    [TestMethod]
    public void Normalize_applies_offset_then_scale()
    {
        var input = new ModelInputSpec { Width = 1, Height = 1, PixelScale = 0.5f, PixelOffset = 10f };
        Assert.AreEqual(-5f, input.Normalize(0));
        Assert.AreEqual(122.5f, input.Normalize(255));
    }
}
