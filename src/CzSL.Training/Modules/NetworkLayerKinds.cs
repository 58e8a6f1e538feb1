using System.Text.Json.Serialization;

namespace CzSL.Training.Modules;

/// <summary>How each encoder block halves the resolution (<see cref="NetworkConfig.Downsample"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DownsampleKind>))]
public enum DownsampleKind
{
    /// <summary>2×2 max-pooling after the block's convolution.</summary>
    [JsonStringEnumMemberName("maxpool")] MaxPool,
    /// <summary>The block's convolution uses stride 2 (no pooling layer).</summary>
    [JsonStringEnumMemberName("stride")] Stride,
}

/// <summary>The hidden activation everywhere (<see cref="NetworkConfig.Activation"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivationKind>))]
public enum ActivationKind
{
    /// <summary>max(0, x).</summary>
    [JsonStringEnumMemberName("relu")] Relu,
    /// <summary>Leaky ReLU, negative slope 0.01.</summary>
    [JsonStringEnumMemberName("leakyrelu")] LeakyRelu,
    /// <summary>ELU, alpha 1.</summary>
    [JsonStringEnumMemberName("elu")] Elu,
}

/// <summary>How each decoder block doubles the resolution (<see cref="NetworkConfig.DecoderUpsample"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpsampleKind>))]
public enum UpsampleKind
{
    /// <summary>3×3 convolution, then nearest-neighbour 2× up-sampling (the paper's decoder).</summary>
    [JsonStringEnumMemberName("upsample")] Nearest,
    /// <summary>2×2 transposed convolution with stride 2.</summary>
    [JsonStringEnumMemberName("transposed")] Transposed,
}

/// <summary>How the classifier turns the code into a vector (<see cref="NetworkConfig.Head"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeadKind>))]
public enum HeadKind
{
    /// <summary>Flatten the whole code (the paper: 8×8×8 = 512 values).</summary>
    [JsonStringEnumMemberName("flatten")] Flatten,
    /// <summary>Global average pooling over the code's pixels, one value per channel.</summary>
    [JsonStringEnumMemberName("gap")] GlobalAveragePool,
}
