using System.Reflection;
using CzSL.Data.Images;
using TorchSharp;
using CzSL.Training.Modules;
using TorchSharp.Modules;
using static CzSL.Training.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// Writes TorchSharp networks as ONNX models (opset 17, float32, dynamic batch dimension "N") that ONNX Runtime
/// and ML.NET can score. Layers are read from the module objects; unsupported layers fail with their path and type.
/// The module is put in eval mode while exporting and its training flags are restored afterwards.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Producer name written into every model.</summary>
    public const string Producer = "CzSL.MLNet";

    /// <summary>Metadata key holding the exporter version.</summary>
    public const string ExporterVersionKey = "czsl.exporter_version";

    /// <summary>Metadata key holding the kind of network (classifier, encoder, autoencoder, sequential).</summary>
    public const string ModelKindKey = "czsl.model_kind";

    /// <summary>Version of this exporter (the CzSL.Training assembly's informational version).</summary>
    public static string ExporterVersion { get; } =
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxExporter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Name of the image input of the network exports: float [N, C, H, W], pixel/255, RGB.</summary>
    public const string ImageInput = "image";

    /// <summary>Classifier output: class probabilities [N, ClassCount] (softmax of the logits).</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>Classifier output: the embedding [N, EmbeddingSize] (last hidden layer's activations).</summary>
    public const string EmbeddingOutput = "embedding";

    /// <summary>Encoder output: the code flattened to [N, channels·size·size].</summary>
    public const string FeaturesOutput = "features";

    /// <summary>Autoencoder output: the reconstruction [N, C, H, W], values in [0, 1].</summary>
    public const string ReconstructionOutput = "reconstruction";

    /// <summary>Metadata key holding the network config as JSON (<see cref="NetworkConfig.ToJson"/>).</summary>
    public const string NetworkConfigKey = "czsl.network_config";

    /// <summary>MC-dropout classifier output: the mean of the dropout samples' class probabilities [N, ClassCount].</summary>
    public const string MonteCarloProbabilitiesOutput = "mc_probabilities";

    /// <summary>MC-dropout classifier output: the mutual information [N, 1] (nats, ≥ 0; epistemic uncertainty).</summary>
    public const string MutualInformationOutput = "mutual_information";

    /// <summary>Metadata key holding the MC-dropout settings as JSON (<c>{"samples":S,"seed":…}</c>), when exported with them.</summary>
    public const string MonteCarloDropoutKey = "czsl.monte_carlo_dropout";

    /// <summary>
    /// Exports a classifier: input <see cref="ImageInput"/> [N, C, H, W] (size from its config), outputs
    /// <see cref="ProbabilitiesOutput"/> [N, ClassCount] (the logits divided by the model's
    /// <see cref="CzslClassifier.Temperature"/> when it is not 1, then softmax) and
    /// <see cref="EmbeddingOutput"/> [N, EmbeddingSize]. Dropout layers are dropped (identity at inference).
    /// With <paramref name="monteCarlo"/>, also <see cref="MonteCarloProbabilitiesOutput"/> and
    /// <see cref="MutualInformationOutput"/>, computed in the graph exactly as <see cref="MonteCarloHead"/> does, from the
    /// same masks; the first two outputs are unchanged.
    /// </summary>
    /// <param name="model">The classifier.</param>
    /// <param name="path">Where to write the .onnx file (atomically; folders are created).</param>
    /// <param name="metadata">Extra metadata properties (e.g. scenario, class names); the config JSON is added.</param>
    /// <param name="monteCarlo">MC-dropout samples and seed, or null for no MC-dropout outputs.</param>
    /// <exception cref="ArgumentException">MC-dropout for a network without dropout (<see cref="Data.Models.MonteCarloDropout.NeedsDropout"/>).</exception>
    public static OnnxExportResult ExportClassifier(CzslClassifier model, string path,
        IReadOnlyDictionary<string, string>? metadata = null, Data.Models.MonteCarloDropout? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var plan = monteCarlo is null ? null : MonteCarloHead.Plan(model, monteCarlo.Validated());
        var properties = WithConfig(metadata, model.Config);
        if (monteCarlo is not null)
            properties[MonteCarloDropoutKey] = monteCarlo.ToJson();
        string[] outputs = plan is null
            ? [ProbabilitiesOutput, EmbeddingOutput]
            : [ProbabilitiesOutput, EmbeddingOutput, MonteCarloProbabilitiesOutput, MutualInformationOutput];
        return Export(model, path, "classifier", ImageInput, ImageShape(model.Config), outputs, properties,
            (converter, graph, image) =>
            {
                var input = Preprocess(graph, image, model.Config.Preprocessing);
                var code = converter.Convert(model.Encoder.Layers, "encoder.layers", input);
                var layerInputs = new Dictionary<string, TracedValue>(StringComparer.Ordinal);
                var embedding = ConvertRecordingInputs(converter, model.Embedding, "embedding", code, layerInputs);
                var logits = ConvertRecordingInputs(converter, model.Classifier, "classifier", embedding, layerInputs);
                (string Name, double Value)? temperature = null;
                if (model.Temperature != 1)
                {
                    temperature = (graph.AddFloatInitializer("temperature", [(float)model.Temperature], []), model.Temperature);
                    logits = new TracedValue(graph.AddNode("Div", "temperature", [logits.Name, temperature.Value.Name], "scaled_logits"), logits.Sample / model.Temperature);
                }
                var probabilities = graph.AddNode("Softmax", "softmax", [logits.Name], "softmax", Int("axis", 1));
                var deterministic = new TracedValue(probabilities, torch.softmax(logits.Sample, 1));
                if (plan is null) return [deterministic, embedding];
                var (mean, information) = OnnxMonteCarloBranch.Append(converter, graph, plan, layerInputs, temperature);
                return [deterministic, embedding, mean, information];
            });
    }

    // Converts a Sequential child by child, as OnnxLayerConverter.Convert does, noting the value entering each child by path.
    private static TracedValue ConvertRecordingInputs(OnnxLayerConverter converter, Sequential sequential, string path, TracedValue input,
        Dictionary<string, TracedValue> inputs)
    {
        var value = input;
        foreach (var (name, child) in sequential.named_children())
        {
            var childPath = OnnxLayerConverter.JoinPath(path, name);
            inputs[childPath] = value;
            value = converter.Convert(child, childPath, value);
        }
        return value;
    }

    /// <summary>
    /// Exports an encoder: input <see cref="ImageInput"/> [N, C, H, W], output <see cref="FeaturesOutput"/>, the code
    /// flattened to [N, OutputChannels·OutputSize·OutputSize] (channel-major, as <c>flatten(1)</c>).
    /// </summary>
    /// <param name="encoder">The encoder (e.g. <see cref="ConvAutoencoder.Encoder"/>).</param>
    /// <param name="config">The config it was built from (gives the input shape; stored as metadata).</param>
    /// <param name="path">Where to write the .onnx file (atomically; folders are created).</param>
    /// <param name="metadata">Extra metadata properties.</param>
    public static OnnxExportResult ExportEncoder(Encoder encoder, NetworkConfig config, string path,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(config);
        return Export(encoder, path, "encoder", ImageInput, ImageShape(config), [FeaturesOutput],
            WithConfig(metadata, config),
            (converter, graph, image) =>
            {
                var code = converter.Convert(encoder.Layers, "layers", Preprocess(graph, image, config.Preprocessing));
                var features = graph.AddNode("Flatten", "features", [code.Name], "flatten", Int("axis", 1));
                return [new TracedValue(features, code.Sample.flatten(1))];
            });
    }

    /// <summary>
    /// Exports an autoencoder: input <see cref="ImageInput"/> [N, C, H, W], output <see cref="ReconstructionOutput"/>
    /// of the same shape.
    /// </summary>
    /// <param name="model">The autoencoder.</param>
    /// <param name="path">Where to write the .onnx file (atomically; folders are created).</param>
    /// <param name="metadata">Extra metadata properties; the config JSON is added.</param>
    public static OnnxExportResult ExportAutoencoder(ConvAutoencoder model, string path,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Export(model, path, "autoencoder", ImageInput, ImageShape(model.Config), [ReconstructionOutput],
            WithConfig(metadata, model.Config),
            (converter, graph, image) =>
            {
                var code = converter.Convert(model.Encoder.Layers, "encoder.layers", Preprocess(graph, image, model.Config.Preprocessing));
                return [converter.Convert(model.Decoder, "decoder", code)];
            });
    }

    /// <summary>
    /// Exports a Sequential with one input <paramref name="inputName"/> [N, inputShape...] and one output.
    /// </summary>
    /// <param name="network">The network (Sequentials nest; every leaf must be a supported layer).</param>
    /// <param name="path">Where to write the .onnx file (atomically; folders are created).</param>
    /// <param name="inputShape">Input dimensions after the batch dimension, e.g. [3, 64, 64].</param>
    /// <param name="outputName">Name of the graph output.</param>
    /// <param name="inputName">Name of the graph input.</param>
    /// <param name="metadata">Extra metadata properties stored in the model (e.g. class names).</param>
    public static OnnxExportResult ExportSequential(Sequential network, string path, IReadOnlyList<long> inputShape,
        string outputName = "output", string inputName = "input", IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Export(network, path, "sequential", inputName, inputShape, [outputName], metadata,
            (converter, _, input) => [converter.Convert(network, "", input)]);
    }

    // The graph input is the file resized as the preprocessing says; the crop and the block average are graph nodes.
    private static long[] ImageShape(NetworkConfig config) =>
        [config.InputChannels, config.Preprocessing.ResizeSize, config.Preprocessing.ResizeSize];

    /// <summary>
    /// The network input from the resized image: the centre crop (Slice) and the block average (AveragePool) of
    /// <paramref name="preprocessing"/>, exactly as training makes it (<see cref="ImagePreprocessing"/>).
    /// </summary>
    internal static TracedValue Preprocess(OnnxGraphBuilder graph, TracedValue image, ImagePreprocessing preprocessing)
    {
        var value = image;
        if (preprocessing.ResizeSize != preprocessing.CropSize)
        {
            long start = preprocessing.CropOffset, end = start + preprocessing.CropSize;
            var name = graph.AddNode("Slice", "preprocess.crop", [value.Name,
                graph.AddInt64Initializer("preprocess.crop.starts", [start, start]),
                graph.AddInt64Initializer("preprocess.crop.ends", [end, end]),
                graph.AddInt64Initializer("preprocess.crop.axes", [2, 3])], "preprocess.crop");
            value = new TracedValue(name, value.Sample.narrow(2, start, preprocessing.CropSize).narrow(3, start, preprocessing.CropSize));
        }
        if (preprocessing.Downscale > 1)
        {
            var k = preprocessing.Downscale;
            var name = graph.AddNode("AveragePool", "preprocess.downscale", [value.Name], "preprocess.downscale",
                Ints("kernel_shape", [k, k]), Ints("strides", [k, k]));
            value = new TracedValue(name, nn.functional.avg_pool2d(value.Sample, k));
        }
        return value;
    }

    private static Dictionary<string, string> WithConfig(IReadOnlyDictionary<string, string>? metadata,
        NetworkConfig config) =>
        new(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [NetworkConfigKey] = config.ToJson(),
        };

    /// <summary>The graph body: converts the network from the input value and returns one traced value per output.</summary>
    internal delegate IReadOnlyList<TracedValue> GraphBody(OnnxLayerConverter converter, OnnxGraphBuilder graph,
        TracedValue input);

    internal static OnnxExportResult Export(nn.Module root, string path, string modelKind, string inputName,
        IReadOnlyList<long> inputShape, IReadOnlyList<string> outputNames, IReadOnlyDictionary<string, string>? metadata,
        GraphBody body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count == 0 || inputShape.Any(d => d <= 0))
        {
            throw new ArgumentException(
                $"Input shape [{string.Join(", ", inputShape)}] must list positive dimensions after the batch.",
                nameof(inputShape));
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var evalMode = new TrainingModeScope(root);

        var graph = new OnnxGraphBuilder(modelKind);
        graph.AddInput(inputName, inputShape);
        graph.ReserveOutputNames(outputNames);
        var converter = new OnnxLayerConverter(graph);
        var reference = root.parameters().FirstOrDefault();
        var sample = torch.zeros([1, .. inputShape], dtype: reference?.dtype ?? ScalarType.Float32,
            device: reference?.device ?? torch.CPU);
        var values = body(converter, graph, new TracedValue(inputName, sample));

        var outputs = new List<OnnxTensorInfo>(outputNames.Count);
        for (var i = 0; i < outputNames.Count; i++)
        {
            graph.AddOutput(outputNames[i], values[i].Name, values[i].DimsAfterBatch);
            outputs.Add(new OnnxTensorInfo(outputNames[i], values[i].DimsAfterBatch));
        }

        var properties = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ExporterVersionKey] = ExporterVersion,
            [ModelKindKey] = modelKind,
        };
        var model = graph.BuildModel(ExporterVersion, properties);
        OnnxModelFile.Write(model, path);
        return new OnnxExportResult(Path.GetFullPath(path), new OnnxTensorInfo(inputName, inputShape.ToArray()),
            outputs, model.Graph.Node.Count);
    }
}
