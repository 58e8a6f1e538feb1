using CzSL.Data;
using CzSL.Data.Models;
using CzSL.Training.Modules;
using CzSL.Training.Onnx;
using TorchSharp;

namespace CzSL.Pipeline.Export;

/// <summary>An exported model: the card's path, the card, and the measured ONNX Runtime vs TorchSharp parity.</summary>
public sealed record ExportedModel(string CardPath, ModelCard Card, OnnxParityResult Parity);

/// <summary>
/// Exports TorchSharp networks as deployable packages: <c>NAME.onnx</c> plus the model card <c>NAME.card.json</c>
/// (class names, input size and pixel scaling, scenario, training data, metrics, exporter, SHA-256 of the ONNX file),
/// and proves parity between ONNX Runtime and TorchSharp on random inputs (and on given images).
/// </summary>
public static class ModelPackage
{
    /// <summary>Parity tolerance (max absolute difference) the export must meet.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Exports a classifier of <paramref name="scenario"/>, with <paramref name="about"/> as the card's human part.</summary>
    public static ExportedModel ExportClassifier(CzslClassifier model, string folder, string name, Scenario scenario,
        IReadOnlyDictionary<string, long> trainingData, IReadOnlyDictionary<string, double> metrics, torch.Tensor? images = null,
        ModelAbout? about = null, IReadOnlyList<double>? trainingPrior = null)
    {
        var onnx = OnnxPath(folder, name);
        OnnxExporter.ExportClassifier(model, onnx);
        var parity = OnnxParity.Check(model, onnx, images);
        var card = Card(ModelKind.Classifier, onnx, model.Config, new ModelOutputSpec
        {
            Probabilities = OnnxExporter.ProbabilitiesOutput,
            Embedding = OnnxExporter.EmbeddingOutput,
            EmbeddingSize = model.EmbeddingSize,
        }) with
        {
            ClassNames = ScenarioClasses.Of(scenario).ToArray(),
            Scenario = scenario,
            TrainingData = trainingData,
            Metrics = WithParity(metrics, parity),
            About = about,
            TrainingPrior = trainingPrior,
        };
        return Save(folder, name, card, parity);
    }

    /// <summary>Exports an autoencoder's encoder (features output) for feature extraction.</summary>
    public static ExportedModel ExportEncoder(ConvAutoencoder model, string folder, string name,
        IReadOnlyDictionary<string, long> trainingData, torch.Tensor? images = null)
    {
        var onnx = OnnxPath(folder, name);
        OnnxExporter.ExportEncoder(model.Encoder, model.Config, onnx);
        var parity = OnnxParity.Check(model.Encoder, onnx, images);
        var features = model.Encoder.OutputChannels * model.Encoder.OutputSize * model.Encoder.OutputSize;
        var card = Card(ModelKind.Encoder, onnx, model.Config, new ModelOutputSpec
        {
            Embedding = OnnxExporter.FeaturesOutput,
            EmbeddingSize = features,
        }) with
        {
            TrainingData = trainingData,
            Metrics = WithParity(new Dictionary<string, double>(), parity),
        };
        return Save(folder, name, card, parity);
    }

    private static string OnnxPath(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".onnx");
    }

    private static ModelCard Card(ModelKind kind, string onnx, NetworkConfig config, ModelOutputSpec outputs) => new()
    {
        Kind = kind,
        OnnxFile = Path.GetFileName(onnx),
        OnnxSha256 = ModelCard.ComputeSha256(onnx),
        Input = new ModelInputSpec { Width = config.InputSize, Height = config.InputSize, Channels = config.InputChannels },
        Outputs = outputs,
        Exporter = new ExporterInfo(OnnxExporter.Producer, OnnxExporter.ExporterVersion),
        CreatedUtc = DateTimeOffset.UtcNow,
    };

    private static Dictionary<string, double> WithParity(IReadOnlyDictionary<string, double> metrics, OnnxParityResult parity) =>
        new(metrics) { ["onnx_parity_max_abs_diff"] = parity.MaxAbsDifference };

    private static ExportedModel Save(string folder, string name, ModelCard card, OnnxParityResult parity)
    {
        if (!parity.IsWithin(Tolerance))
            throw new InvalidOperationException($"ONNX parity check failed for {name}: {parity} (tolerance {Tolerance:G}).");
        var cardPath = Path.Combine(folder, name + ".card.json");
        card.Save(cardPath);
        return new ExportedModel(cardPath, card, parity);
    }
}
