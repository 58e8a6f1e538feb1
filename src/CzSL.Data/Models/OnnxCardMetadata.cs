using System.Text.Json;
using System.Text.Json.Nodes;

namespace CzSL.Data.Models;

/// <summary>
/// The model card inside the ONNX file: every card field that describes the model — kind, input contract (size, layout,
/// pixel scale/offset, preprocessing), outputs, class names, scenario, training data and prior, decision threshold,
/// about (intended use, limitations, licence, citation), exporter, creation time — as ONNX <c>metadata_props</c>
/// entries <c>czsl.card.&lt;field&gt;</c> = the field's card JSON. Fields are taken generically from the card's JSON, so
/// fields added to the card later are stored without changes here.
/// </summary>
/// <remarks>
/// Not stored: <c>onnxFile</c> and <c>onnxSha256</c> (the file itself), <c>integrity</c> (a record of the JSON card),
/// <c>formatVersion</c> and <c>metrics</c> (measured after the file is written, e.g. the export's parity). A card read
/// back (<see cref="ToCard"/>) names the ONNX file and its SHA-256 and has no metrics.
/// </remarks>
public static class OnnxCardMetadata
{
    /// <summary>Prefix of the metadata keys.</summary>
    public const string Prefix = "czsl.card.";

    private static readonly HashSet<string> NotStored = ["onnxFile", "onnxSha256", "integrity", "formatVersion", "metrics"];

    /// <summary>The metadata entries of <paramref name="card"/> (keys sorted).</summary>
    /// <exception cref="ModelCardException">A card field is missing or out of range.</exception>
    public static IReadOnlyDictionary<string, string> From(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        card.Validate();
        var json = JsonSerializer.SerializeToNode(card, ModelCard.JsonOptions)!.AsObject();
        var compact = new JsonSerializerOptions(ModelCard.JsonOptions) { WriteIndented = false };
        return json.Where(p => !NotStored.Contains(p.Key) && p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => Prefix + p.Key, p => p.Value!.ToJsonString(compact), StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="metadata"/> holds a card (at least its kind).</summary>
    public static bool Has(IReadOnlyDictionary<string, string> metadata) =>
        metadata?.ContainsKey(Prefix + "kind") ?? throw new ArgumentNullException(nameof(metadata));

    /// <summary>
    /// The card stored in <paramref name="metadata"/> (the ONNX file's <c>metadata_props</c>), for the ONNX file
    /// <paramref name="onnxPath"/> with SHA-256 <paramref name="onnxSha256"/>; checked like a card file.
    /// </summary>
    /// <exception cref="ModelCardException">The file holds no card, or a field is not valid JSON, unknown or out of range
    /// (the exception names the ONNX file and the field).</exception>
    public static ModelCard ToCard(IReadOnlyDictionary<string, string> metadata, string onnxPath, string onnxSha256)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        if (!Has(metadata))
            throw new ModelCardException(onnxPath, null,
                $"the ONNX file's metadata holds no model card ({Prefix}* entries); it was not exported by CzSL.MLNet with a card, so use its card file.");
        var json = new JsonObject
        {
            ["onnxFile"] = Path.GetFileName(onnxPath),
            ["onnxSha256"] = onnxSha256,
        };
        foreach (var (key, value) in metadata.Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var field = key[Prefix.Length..];
            try
            {
                json[field] = JsonNode.Parse(value);
            }
            catch (JsonException e)
            {
                throw new ModelCardException(onnxPath, field, $"metadata entry '{key}' is not valid JSON: {e.Message}", e);
            }
        }
        ModelCard? card;
        try
        {
            card = json.Deserialize<ModelCard>(ModelCard.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelCardException(onnxPath, e.Path?.TrimStart('$', '.'), $"the card in the ONNX metadata is not valid: {e.Message}", e);
        }
        if (card is null) throw new ModelCardException(onnxPath, null, "the card in the ONNX metadata is JSON null.");
        card.Validate(onnxPath);
        return card;
    }
}
