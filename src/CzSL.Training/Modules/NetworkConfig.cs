using CzSL.Data.Images;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CzSL.Training.Modules;

/// <summary>
/// Describes the networks of one experiment: the shared convolutional encoder, the autoencoder's decoder and the
/// classifier head. Serialised as JSON next to saved weights, so a model folder can be rebuilt without code.
/// </summary>
/// <remarks>
/// Equality is structural (arrays element-wise); <see cref="Validate"/> names the offending property.
/// </remarks>
public sealed record NetworkConfig
{
    /// <summary>Name of the preset the config came from ("default", "paper", or a user name).</summary>
    public string Preset { get; init; } = "default";

    /// <summary>Side of the square input image in pixels; must be divisible by 2^(number of encoder blocks).</summary>
    public int InputSize { get; init; } = 64;

    /// <summary>
    /// Block side of the area average that makes the input from <see cref="InputSize"/>·k px crops (null: 1, the
    /// image is resized straight to the input). The first node of the exported graph; see <see cref="ImagePreprocessing"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? InputDownscale { get; init; }

    /// <summary>Fraction of the frame's side kept around the centre before the downscale (null: 1, the whole frame).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? InputCrop { get; init; }

    /// <summary>How image files become this network's input (in training and in the exported graph).</summary>
    [JsonIgnore]
    public ImagePreprocessing Preprocessing => new(InputSize, InputDownscale ?? 1, InputCrop ?? 1);

    /// <summary>This config for inputs made by <paramref name="preprocessing"/> (its size, downscale and crop).</summary>
    public NetworkConfig For(ImagePreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        preprocessing.Validated();
        return (this with
        {
            InputSize = preprocessing.Size,
            InputDownscale = preprocessing.Downscale == 1 ? null : preprocessing.Downscale,
            InputCrop = preprocessing.CentreCrop == 1 ? null : preprocessing.CentreCrop,
        }).Validated();
    }

    /// <summary>Channels of the input image (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Output channels of each encoder block (3×3 convolution then 2× down-sampling).</summary>
    public int[] EncoderChannels { get; init; } = [32, 64, 128];

    /// <summary>Batch normalisation after each convolution (encoder and decoder).</summary>
    public bool BatchNorm { get; init; } = true;

    /// <summary>How each encoder block halves the resolution.</summary>
    public DownsampleKind Downsample { get; init; } = DownsampleKind.MaxPool;

    /// <summary>Hidden activation everywhere.</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>How each decoder block doubles the resolution.</summary>
    public UpsampleKind DecoderUpsample { get; init; } = UpsampleKind.Nearest;

    /// <summary>How the classifier turns the code into a vector.</summary>
    public HeadKind Head { get; init; } = HeadKind.GlobalAveragePool;

    /// <summary>Dense hidden layers of the classifier head; the last one's output is the embedding (empty: the pooled code is).</summary>
    public int[] HiddenUnits { get; init; } = [128];

    /// <summary>Dropout probability after each hidden dense layer (0 disables the dropout layers).</summary>
    public double Dropout { get; init; } = 0.3;

    /// <summary>Number of output classes.</summary>
    public int ClassCount { get; init; } = 2;

    /// <summary>Side of the encoder's output (the code) in pixels.</summary>
    [JsonIgnore]
    public int CodeSize => InputSize >> EncoderChannels.Length;

    /// <summary>Channels of the encoder's output.</summary>
    [JsonIgnore]
    public int CodeChannels => EncoderChannels[^1];

    /// <summary>Length of the vector the head's dense layers start from (after flatten or global pooling).</summary>
    [JsonIgnore]
    public int HeadInputSize => Head == HeadKind.Flatten ? CodeChannels * CodeSize * CodeSize : CodeChannels;

    /// <summary>Length of the embedding <see cref="CzslClassifier.Embed"/> returns.</summary>
    [JsonIgnore]
    public int EmbeddingSize => HiddenUnits.Length > 0 ? HiddenUnits[^1] : HeadInputSize;

    /// <summary>
    /// Our default: three 3×3 blocks of 32/64/128 channels (multiples of 16, the fast oneDNN block), batch norm,
    /// max-pooling, global average pooling, one hidden layer of 128 and dropout 0.3.
    /// </summary>
    public static NetworkConfig Default(int classes, int size = 64) => new NetworkConfig
    {
        Preset = "default",
        InputSize = size,
        ClassCount = classes,
    }.Validated();

    /// <summary>
    /// A small, fast network for CPU demos: 16/32/32 channels with batch norm and max-pooling, a flattened code, one
    /// hidden layer of 64 and dropout 0.3 — about the paper preset's cost per image, with our training recipe.
    /// </summary>
    public static NetworkConfig Small(int classes, int size = 64) => new NetworkConfig
    {
        Preset = "small",
        InputSize = size,
        EncoderChannels = [16, 32, 32],
        Head = HeadKind.Flatten,
        HiddenUnits = [64],
        ClassCount = classes,
    }.Validated();

    /// <summary>
    /// The paper's networks: encoder conv 3×3 16 → pool → conv 8 → pool → conv 8 → pool (ReLU, same padding, 8×8×8
    /// code at 64×64); decoder conv 8 → up → conv 8 → up → conv 16 → up → conv 3 + sigmoid (nearest up-sampling);
    /// classifier flatten → dense 256 → dense 128 → softmax, no batch norm, no dropout.
    /// </summary>
    public static NetworkConfig Paper(int classes) => new NetworkConfig
    {
        Preset = "paper",
        InputSize = 64,
        EncoderChannels = [16, 8, 8],
        BatchNorm = false,
        Downsample = DownsampleKind.MaxPool,
        Activation = ActivationKind.Relu,
        DecoderUpsample = UpsampleKind.Nearest,
        Head = HeadKind.Flatten,
        HiddenUnits = [256, 128],
        Dropout = 0,
        ClassCount = classes,
    }.Validated();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        static void Fail(string property, string message) =>
            throw new ArgumentException($"NetworkConfig.{property}: {message}", property);
        // JSON may carry a number instead of a name.
        static void Defined<T>(T value, string property) where T : struct, Enum
        {
            if (!Enum.IsDefined(value))
                Fail(property, $"{value} is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v)))}.");
        }

        if (InputChannels < 1) Fail(nameof(InputChannels), $"must be at least 1, got {InputChannels}.");
        if (EncoderChannels is null || EncoderChannels.Length == 0) Fail(nameof(EncoderChannels), "needs at least one block.");
        if (EncoderChannels!.Any(c => c < 1)) Fail(nameof(EncoderChannels), $"channel counts must be positive, got [{string.Join(", ", EncoderChannels!)}].");
        var factor = 1 << EncoderChannels!.Length;
        if (InputSize < factor || InputSize % factor != 0)
            Fail(nameof(InputSize), $"{InputSize} is not divisible by 2^{EncoderChannels.Length} = {factor} (one halving per encoder block).");
        if (InputDownscale is { } k && (k < 1 || k > ImagePreprocessing.MaxDownscale))
            Fail(nameof(InputDownscale), $"must be 1 to {ImagePreprocessing.MaxDownscale}, got {k}.");
        if (InputCrop is { } crop && !(crop > 0 && crop <= 1)) Fail(nameof(InputCrop), $"must lie in (0, 1], got {crop}.");
        Defined(Downsample, nameof(Downsample));
        Defined(Activation, nameof(Activation));
        Defined(DecoderUpsample, nameof(DecoderUpsample));
        Defined(Head, nameof(Head));
        if (HiddenUnits is null || HiddenUnits.Any(h => h < 1))
            Fail(nameof(HiddenUnits), "must be a (possibly empty) list of positive sizes.");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout)) Fail(nameof(Dropout), $"must lie in [0, 1), got {Dropout}.");
        if (ClassCount < 2) Fail(nameof(ClassCount), $"must be at least 2, got {ClassCount}.");
    }

    /// <summary>This config after <see cref="Validate"/>.</summary>
    public NetworkConfig Validated()
    {
        Validate();
        return this;
    }

    /// <summary>The config as indented JSON (camelCase property names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates a config written by <see cref="ToJson"/>.</summary>
    public static NetworkConfig FromJson(string json, string source = "network config")
    {
        NetworkConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<NetworkConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: invalid network config JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        if (config is null) throw new FormatException($"{source}: the network config is empty (JSON null).");
        try
        {
            return config.Validated();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>True when every property, arrays element-wise, equals <paramref name="other"/>'s.</summary>
    public bool Equals(NetworkConfig? other) =>
        other is not null
        && Preset == other.Preset
        && InputSize == other.InputSize
        && (InputDownscale ?? 1) == (other.InputDownscale ?? 1)
        && (InputCrop ?? 1).Equals(other.InputCrop ?? 1)
        && InputChannels == other.InputChannels
        && EncoderChannels.AsSpan().SequenceEqual(other.EncoderChannels)
        && BatchNorm == other.BatchNorm
        && Downsample == other.Downsample
        && Activation == other.Activation
        && DecoderUpsample == other.DecoderUpsample
        && Head == other.Head
        && HiddenUnits.AsSpan().SequenceEqual(other.HiddenUnits)
        && Dropout.Equals(other.Dropout)
        && ClassCount == other.ClassCount;

    /// <summary>A hash consistent with <see cref="Equals(NetworkConfig?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Preset);
        hash.Add(InputSize);
        hash.Add(InputDownscale ?? 1);
        hash.Add(InputCrop ?? 1);
        hash.Add(InputChannels);
        AddAll(ref hash, EncoderChannels);
        hash.Add(BatchNorm);
        hash.Add(Downsample);
        hash.Add(Activation);
        hash.Add(DecoderUpsample);
        hash.Add(Head);
        AddAll(ref hash, HiddenUnits);
        hash.Add(Dropout);
        hash.Add(ClassCount);
        return hash.ToHashCode();

        static void AddAll(ref HashCode hash, ReadOnlySpan<int> values)
        {
            hash.Add(values.Length);
            foreach (var v in values) hash.Add(v);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };
}
