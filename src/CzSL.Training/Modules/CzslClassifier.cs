using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// The CzSL convolutional classifier: <c>encoder</c> (an <see cref="Encoder"/>, weights shared by name with
/// <see cref="ConvAutoencoder"/>), <c>embedding</c> (flatten or global average pooling, then dense + activation
/// [+ dropout] blocks) and <c>classifier</c> ([dropout,] one dense layer to the classes). Forward returns logits;
/// probabilities are the softmax of the logits divided by <see cref="Temperature"/> (the ONNX exporter appends both).
/// </summary>
/// <remarks>
/// Layer names: <c>embedding</c> holds <c>pool</c> (only for global pooling), <c>flatten</c>, then per hidden layer
/// <c>fc{i}</c>, <c>act{i}</c> and, between hidden layers when dropout &gt; 0, <c>drop{i}</c>; <c>classifier</c>
/// holds <c>drop</c> (when dropout &gt; 0) and <c>fc</c>.
/// </remarks>
public sealed class CzslClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Encoder encoder;
    private readonly Sequential embedding;
    private readonly Sequential classifier;

    /// <summary>Builds the classifier described by <paramref name="config"/> (fresh random weights).</summary>
    public CzslClassifier(NetworkConfig config) : base(nameof(CzslClassifier))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validated();
        encoder = new Encoder(config);
        embedding = BuildEmbedding(config);
        var head = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (config.Dropout > 0) head.Add(("drop", nn.Dropout(config.Dropout)));
        head.Add(("fc", nn.Linear(config.EmbeddingSize, config.ClassCount)));
        classifier = nn.Sequential(head);
        RegisterComponents();
    }

    /// <summary>The configuration the network was built from.</summary>
    public NetworkConfig Config { get; }

    /// <summary>The encoder.</summary>
    public Encoder Encoder => encoder;

    /// <summary>Pooling/flatten and hidden dense layers, in order (for exporters).</summary>
    public Sequential Embedding => embedding;

    /// <summary>The final dense layer (after optional dropout), in order (for exporters).</summary>
    public Sequential Classifier => classifier;

    /// <summary>Length of <see cref="Embed"/>'s output rows.</summary>
    public int EmbeddingSize => Config.EmbeddingSize;

    private double temperature = 1;

    /// <summary>
    /// The temperature the logits are divided by before the softmax: 1 for an uncalibrated network, else fitted by
    /// temperature scaling on validation data (<see cref="CzSL.Data.Metrics.TemperatureScaling"/>); finite and &gt; 0.
    /// </summary>
    public double Temperature
    {
        get => temperature;
        set
        {
            CzSL.Data.Metrics.TemperatureScaling.CheckTemperature(value);
            temperature = value;
        }
    }

    /// <summary>Class probabilities (N, ClassCount): softmax(logits / <see cref="Temperature"/>).</summary>
    public Tensor Probabilities(Tensor input) => nn.functional.softmax(forward(input) / Temperature, 1);

    /// <summary>Class logits (N, ClassCount) for an (N, C, H, W) batch of pixel/255 values.</summary>
    public override Tensor forward(Tensor input) => classifier.forward(embedding.forward(encoder.forward(input)));

    /// <summary>The embedding (N, <see cref="EmbeddingSize"/>): the last hidden layer's activations.</summary>
    public Tensor Embed(Tensor input) => embedding.forward(encoder.forward(input));

    /// <summary>
    /// Copies every parameter and buffer of <paramref name="source"/> into this classifier's encoder (same layer names
    /// and shapes required), e.g. from a trained <see cref="ConvAutoencoder.Encoder"/>.
    /// </summary>
    public void InitialiseEncoderFrom(Encoder source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var from = source.state_dict();
        var to = encoder.state_dict();
        var missing = to.Keys.Except(from.Keys).ToList();
        if (missing.Count > 0 || from.Count != to.Count)
            throw new ArgumentException($"The source encoder's layers differ: missing [{string.Join(", ", missing)}], source has {from.Count} tensors, target {to.Count}.", nameof(source));
        using var _ = torch.no_grad();
        foreach (var (name, target) in to)
        {
            var value = from[name];
            if (!value.shape.SequenceEqual(target.shape))
                throw new ArgumentException($"Encoder tensor '{name}' has shape [{string.Join(", ", value.shape)}] in the source, [{string.Join(", ", target.shape)}] here.", nameof(source));
            target.copy_(value);
        }
    }

    private static Sequential BuildEmbedding(NetworkConfig config)
    {
        var list = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (config.Head == HeadKind.GlobalAveragePool) list.Add(("pool", nn.AdaptiveAvgPool2d(1)));
        list.Add(("flatten", nn.Flatten()));
        long inFeatures = config.HeadInputSize;
        for (var i = 0; i < config.HiddenUnits.Length; i++)
        {
            if (i > 0 && config.Dropout > 0) list.Add(($"drop{i}", nn.Dropout(config.Dropout)));
            list.Add(($"fc{i}", nn.Linear(inFeatures, config.HiddenUnits[i])));
            list.Add(($"act{i}", LayerFactory.Activation(config.Activation)));
            inFeatures = config.HiddenUnits[i];
        }
        return nn.Sequential(list);
    }
}
