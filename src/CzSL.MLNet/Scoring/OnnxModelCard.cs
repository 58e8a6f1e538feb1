using CzSL.Data.Models;
using Microsoft.ML.OnnxRuntime;

namespace CzSL.MLNet.Scoring;

/// <summary>Reads the model card an exported ONNX file carries in its metadata (<see cref="OnnxCardMetadata"/>): the file alone describes the model.</summary>
public static class OnnxModelCard
{
    /// <summary>
    /// The card stored in <paramref name="onnxPath"/>'s <c>metadata_props</c> (class names, input size, layout, pixel
    /// scale/offset, preprocessing, task, licence, ...), with the file's name and SHA-256, checked against its graph.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelCardException">The file holds no card, the card is invalid or does not fit the graph.</exception>
    public static ModelCard Read(string onnxPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        var full = Path.GetFullPath(onnxPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"ONNX file '{onnxPath}' does not exist.", onnxPath);
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(full, options);
        var card = OnnxCardMetadata.ToCard(session.ModelMetadata.CustomMetadataMap, full, ModelCard.ComputeSha256(full));
        ModelGraphCheck.Verify(card, full, session);
        return card;
    }
}
