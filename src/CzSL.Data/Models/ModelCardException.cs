namespace CzSL.Data.Models;

/// <summary>A model card that cannot be used: bad JSON, a field out of range, or an ONNX file that does not match.</summary>
public sealed class ModelCardException : Exception
{
    /// <summary>Creates the error for <paramref name="cardPath"/>; the message names the file and, when known, the field.</summary>
    public ModelCardException(string cardPath, string? field, string problem, Exception? inner = null)
        : base(field is null
            ? $"Model card '{cardPath}': {problem}"
            : $"Model card '{cardPath}', field '{field}': {problem}", inner)
    {
        CardPath = cardPath;
        Field = field;
    }

    /// <summary>The card file (or "&lt;in memory&gt;" for a card not read from disk).</summary>
    public string CardPath { get; }

    /// <summary>The JSON path of the offending field (e.g. "input.width"), or null when the problem is the whole file.</summary>
    public string? Field { get; }
}
