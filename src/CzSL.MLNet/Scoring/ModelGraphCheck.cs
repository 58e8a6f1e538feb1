using CzSL.Data.Models;
using Microsoft.ML.OnnxRuntime;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Checks a model card against the ONNX graph it describes: the input's name, channels, height and width, the outputs'
/// names, the class count against the probabilities output and the embedding size. A mismatch is a
/// <see cref="ModelCardException"/> naming the card field, instead of an ONNX Runtime shape error at scoring time
/// (or, worse, class names silently misaligned with the outputs).
/// </summary>
public static class ModelGraphCheck
{
    /// <summary>
    /// Loads the card (<see cref="ModelCard.Load"/>: fields, ONNX SHA-256, integrity record) and checks it against its
    /// ONNX graph, opened on the CPU just to read its shapes. An <c>.onnx</c> path reads the card the file carries
    /// (<see cref="OnnxModelCard.Read"/>).
    /// </summary>
    /// <exception cref="ModelCardException">The card is invalid, was edited after export, or does not fit its graph.</exception>
    public static ModelCard LoadVerified(string cardPath)
    {
        if (IsOnnxFile(cardPath)) return OnnxModelCard.Read(cardPath);
        var card = ModelCard.Load(cardPath, verifyHash: true);
        Verify(card, cardPath, card.OnnxPath(cardPath));
        return card;
    }

    /// <summary>
    /// Loads the card (<see cref="ModelCard.Load"/>), or for an <c>.onnx</c> path the card the file carries (checked
    /// against its graph by <see cref="OnnxModelCard.Read"/>), for a caller that checks a <c>.card.json</c> against the
    /// session it opens anyway.
    /// </summary>
    /// <exception cref="ModelCardException">The card is invalid or was edited after export.</exception>
    internal static ModelCard Load(string cardPath) =>
        IsOnnxFile(cardPath) ? OnnxModelCard.Read(cardPath) : ModelCard.Load(cardPath, verifyHash: true);

    private static bool IsOnnxFile(string path) => string.Equals(Path.GetExtension(path), ".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks <paramref name="card"/> against the graph of <paramref name="onnxPath"/> (opened on the CPU).</summary>
    /// <exception cref="ModelCardException">The card does not fit the graph.</exception>
    public static void Verify(ModelCard card, string cardPath, string onnxPath)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(onnxPath, options);
        Verify(card, cardPath, session);
    }

    /// <summary>Checks <paramref name="card"/> against the graph of an open <paramref name="session"/>.</summary>
    /// <exception cref="ModelCardException">The card does not fit the graph; the field is the first mismatch.</exception>
    public static void Verify(ModelCard card, string cardPath, InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(session);
        void Fail(string field, string problem) => throw new ModelCardException(cardPath, field, problem);

        var inputName = card.Input.Name;
        if (!session.InputMetadata.TryGetValue(inputName, out var input))
            Fail("input.name", $"'{inputName}' is not an input of the ONNX graph (its inputs: {string.Join(", ", session.InputMetadata.Keys)}).");
        var dims = input!.Dimensions;
        if (dims.Length != 4)
            Fail("input.layout", $"{card.Input.Layout} needs a 4-dimensional input; the graph's '{inputName}' is {Shape(dims)}.");
        void Dimension(int axis, int expected, string field)
        {
            if (dims[axis] > 0 && dims[axis] != expected)
                Fail(field, $"is {expected}, but the ONNX graph's input '{inputName}' is {Shape(dims)}.");
        }
        Dimension(1, card.Input.Channels, "input.channels");
        Dimension(2, card.Input.Height, "input.height");
        Dimension(3, card.Input.Width, "input.width");

        int? Last(string? output, string field)
        {
            if (output is null) return null;
            if (!session.OutputMetadata.TryGetValue(output, out var meta))
                Fail(field, $"'{output}' is not an output of the ONNX graph (its outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
            var d = meta!.Dimensions;
            return d.Length > 0 && d[^1] > 0 ? d[^1] : null;
        }
        if (Last(card.Outputs.Probabilities, "outputs.probabilities") is { } classes && classes != card.ClassNames.Count)
            Fail("classNames", $"lists {card.ClassNames.Count} classes, but the ONNX output '{card.Outputs.Probabilities}' gives {classes} probabilities.");
        if (Last(card.Outputs.Embedding, "outputs.embedding") is { } size && card.Outputs.EmbeddingSize is { } declared && size != declared)
            Fail("outputs.embeddingSize", $"is {declared}, but the ONNX output '{card.Outputs.Embedding}' has {size} values.");
        Last(card.Outputs.Reconstruction, "outputs.reconstruction");
        if (Last(card.Outputs.MonteCarloProbabilities, "outputs.monteCarloProbabilities") is { } mcClasses && mcClasses != card.ClassNames.Count)
            Fail("classNames", $"lists {card.ClassNames.Count} classes, but the ONNX output '{card.Outputs.MonteCarloProbabilities}' gives {mcClasses} probabilities.");
        if (Last(card.Outputs.MutualInformation, "outputs.mutualInformation") is { } perImage && perImage != 1)
            Fail("outputs.mutualInformation", $"the ONNX output '{card.Outputs.MutualInformation}' has {perImage} values per image; expected 1.");
    }

    private static string Shape(int[] dims) => $"[{string.Join(",", dims.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
