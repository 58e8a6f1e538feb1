using System.Text.Json.Serialization;

namespace CzSL.Data.Models;

/// <summary>What an exported network computes; decides which outputs its <see cref="ModelCard"/> must name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    /// <summary>Image → class probabilities [N,C] (and optionally an embedding [N,D]).</summary>
    [JsonStringEnumMemberName("classifier")]
    Classifier,
    /// <summary>Image → embedding [N,D].</summary>
    [JsonStringEnumMemberName("encoder")]
    Encoder,
    /// <summary>Image → reconstruction [N,3,H,W] (and optionally an embedding [N,D]).</summary>
    [JsonStringEnumMemberName("autoencoder")]
    Autoencoder,
}
