using CzSL.Data;
using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using CzSL.Training.Modules;
using CzSL.Training.Onnx;
using TorchSharp;

namespace CzSL.Pipeline.Export;

/// <summary>An exported model: the card's path, the card, and the measured ONNX Runtime vs TorchSharp parity.</summary>
public sealed record ExportedModel(string CardPath, ModelCard Card, OnnxParityResult Parity);

/// <summary>
/// Exports TorchSharp networks as deployable packages: <c>NAME.onnx</c> plus the model card <c>NAME.card.json</c>
/// (class names, input size and pixel scaling, scenario, temperature, MC-dropout settings, training data, metrics, exporter, SHA-256 of the ONNX file,
/// integrity record); the ONNX file carries the card's descriptive fields in its metadata (<see cref="OnnxCardMetadata"/>),
/// so it is usable alone. Proves parity between ONNX Runtime and TorchSharp on random inputs (and on given images).
/// </summary>
/// <remarks>
/// The pair is written as one unit: the ONNX file and the card are first written under temporary names in the target
/// folder, the parity and the card (class count, input size, output names) are checked against that ONNX file, and
/// only then are both renamed into place, ONNX first. A failed check or a killed export leaves an existing pair as it
/// was; a kill between the two renames (a few microseconds) leaves a new ONNX file under the old card, which the card's
/// SHA-256 refuses rather than scoring wrongly.
/// </remarks>
public static class ModelPackage
{
    /// <summary>Parity tolerance (max absolute difference) the export must meet.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Exports a classifier of <paramref name="scenario"/>, with <paramref name="about"/> as the card's human part and
    /// <paramref name="trainingPrior"/> the class balance its probabilities assume (and, binary, <paramref name="decisionThreshold"/>);
    /// with <paramref name="monteCarlo"/>, the graph also has the MC-dropout outputs and the card records the settings.
    /// </summary>
    /// <exception cref="ArgumentException">The scenario's class count differs from the network's outputs, or MC-dropout
    /// is asked of a network without dropout.</exception>
    /// <exception cref="OnnxParityException">ONNX Runtime and TorchSharp differ by more than <see cref="Tolerance"/>.</exception>
    public static ExportedModel ExportClassifier(CzslClassifier model, string folder, string name, Scenario scenario,
        IReadOnlyDictionary<string, long> trainingData, IReadOnlyDictionary<string, double> metrics, torch.Tensor? images = null,
        ModelAbout? about = null, IReadOnlyList<double>? trainingPrior = null, double? decisionThreshold = null, MonteCarloDropout? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var classes = ScenarioClasses.Of(scenario);
        if (classes.Count != model.Config.ClassCount)
            throw new ArgumentException(
                $"Scenario {scenario.Name()} has {classes.Count} classes ({string.Join(", ", classes)}), but the network has {model.Config.ClassCount} outputs; export it with the scenario it was trained for.",
                nameof(scenario));
        var card = Card(ModelKind.Classifier, name, model.Config, new ModelOutputSpec
        {
            Probabilities = OnnxExporter.ProbabilitiesOutput,
            Embedding = OnnxExporter.EmbeddingOutput,
            EmbeddingSize = model.EmbeddingSize,
            MonteCarloProbabilities = monteCarlo is null ? null : OnnxExporter.MonteCarloProbabilitiesOutput,
            MutualInformation = monteCarlo is null ? null : OnnxExporter.MutualInformationOutput,
        }) with
        {
            ClassNames = classes.ToArray(),
            Scenario = scenario,
            TrainingData = trainingData,
            About = about,
            TrainingPrior = trainingPrior,
            DecisionThreshold = decisionThreshold,
            Temperature = model.Temperature,
            MonteCarloDropout = monteCarlo,
        };
        return Export(folder, name, card, metrics, (onnx, metadata) =>
        {
            OnnxExporter.ExportClassifier(model, onnx, metadata, monteCarlo);
            return OnnxParity.Check(model, onnx, images, monteCarlo: monteCarlo);
        });
    }

    /// <summary>Exports an autoencoder's encoder (features output) for feature extraction.</summary>
    /// <exception cref="OnnxParityException">ONNX Runtime and TorchSharp differ by more than <see cref="Tolerance"/>.</exception>
    public static ExportedModel ExportEncoder(ConvAutoencoder model, string folder, string name,
        IReadOnlyDictionary<string, long> trainingData, torch.Tensor? images = null, ModelAbout? about = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var features = model.Encoder.OutputChannels * model.Encoder.OutputSize * model.Encoder.OutputSize;
        var card = Card(ModelKind.Encoder, name, model.Config, new ModelOutputSpec
        {
            Embedding = OnnxExporter.FeaturesOutput,
            EmbeddingSize = features,
        }) with
        {
            TrainingData = trainingData,
            About = about,
        };
        return Export(folder, name, card, new Dictionary<string, double>(), (onnx, metadata) =>
        {
            OnnxExporter.ExportEncoder(model.Encoder, model.Config, onnx, metadata);
            return OnnxParity.Check(model.Encoder, onnx, images, preprocessing: model.Config.Preprocessing);
        });
    }

    // Writes NAME.onnx (carrying the card's fields in its metadata) and NAME.card.json as one unit (class remarks);
    // the card gets the ONNX file's SHA-256 and the metrics with the measured parity.
    private static ExportedModel Export(string folder, string name, ModelCard template, IReadOnlyDictionary<string, double> metrics,
        Func<string, IReadOnlyDictionary<string, string>, OnnxParityResult> writeOnnx)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Directory.CreateDirectory(folder);
        var onnxPath = Path.GetFullPath(Path.Combine(folder, name + ".onnx"));
        var cardPath = Path.GetFullPath(Path.Combine(folder, name + ".card.json"));
        var tempOnnx = AtomicFile.TemporaryPath(onnxPath);
        string? tempCard = null;
        try
        {
            var parity = writeOnnx(tempOnnx, OnnxCardMetadata.From(template));
            if (!parity.IsWithin(Tolerance)) throw new OnnxParityException(name, parity, Tolerance);
            var card = template with { OnnxSha256 = ModelCard.ComputeSha256(tempOnnx), Metrics = WithParity(metrics, parity) };
            ModelGraphCheck.Verify(card, cardPath, tempOnnx);
            var json = card.ToJson(cardPath);
            tempCard = AtomicFile.WriteTemporary(cardPath, s => s.Write(json));
            File.Move(tempOnnx, onnxPath, overwrite: true);
            File.Move(tempCard, cardPath, overwrite: true);
            return new ExportedModel(cardPath, ModelCard.Load(cardPath), parity);
        }
        finally
        {
            File.Delete(tempOnnx);
            if (tempCard is not null) File.Delete(tempCard);
        }
    }

    // The card before the ONNX file exists: its SHA-256 is a placeholder until the file is written.
    private static ModelCard Card(ModelKind kind, string name, NetworkConfig config, ModelOutputSpec outputs) => new()
    {
        Kind = kind,
        OnnxFile = name + ".onnx",
        OnnxSha256 = new string('0', 64),
        Input = new ModelInputSpec
        {
            Width = config.Preprocessing.ResizeSize,
            Height = config.Preprocessing.ResizeSize,
            Channels = config.InputChannels,
            Preprocessing = config.Preprocessing.IsPlainResize ? null : InGraphPreprocessing.Of(config.Preprocessing),
        },
        Outputs = outputs,
        Exporter = new ExporterInfo(OnnxExporter.Producer, OnnxExporter.ExporterVersion),
        CreatedUtc = DateTimeOffset.UtcNow,
    };

    private static Dictionary<string, double> WithParity(IReadOnlyDictionary<string, double> metrics, OnnxParityResult parity) =>
        new(metrics) { ["onnx_parity_max_abs_diff"] = parity.MaxAbsDifference };
}

/// <summary>An export whose ONNX Runtime outputs differ from TorchSharp's by more than the tolerance: nothing was written.</summary>
public sealed class OnnxParityException(string name, OnnxParityResult parity, double tolerance)
    : Exception($"ONNX parity check failed for {name}: {parity} (tolerance {tolerance:G}); nothing was written.")
{
    /// <summary>The measured parity.</summary>
    public OnnxParityResult Parity { get; } = parity;
}
