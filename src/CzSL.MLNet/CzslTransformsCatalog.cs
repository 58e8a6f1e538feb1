using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using Microsoft.ML;

namespace CzSL.MLNet;

/// <summary>Catalog extension methods that score images with CzSL networks described by a <see cref="ModelCard"/>.</summary>
public static class CzslTransformsCatalog
{
    /// <summary>
    /// Classifies the images in <paramref name="imageColumn"/> with the classifier of the card at
    /// <paramref name="modelCardPath"/> (the card and the ONNX file's SHA-256 are checked here). The column holds image
    /// paths (text) or decoded images (<c>MLImage</c>: in-memory bytes or a stream via <c>MLImage.CreateFromStream</c>);
    /// both give the same pixels.
    /// Adds <see cref="CzslColumns.Score"/>, the key-typed <see cref="CzslColumns.PredictedLabel"/> and its class name
    /// <see cref="CzslColumns.PredictedClass"/> (read rows into <see cref="CzslPrediction"/>), plus
    /// <see cref="CzslColumns.Probability"/>/<see cref="CzslColumns.PredictedPositive"/> for 2-class cards and
    /// <see cref="CzslColumns.Embedding"/> when the card has an embedding output, and <see cref="CzslColumns.Epistemic"/> (MC-dropout
    /// mutual information) when it was exported with MC-dropout.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="modelCardPath">Model card JSON (its ONNX file is resolved relative to it), or an exported <c>.onnx</c> file (its card is in its metadata).</param>
    /// <param name="imageColumn">Column of image paths or <c>MLImage</c>s.</param>
    /// <param name="imageFolder">Folder the paths are relative to ("" = as given).</param>
    /// <param name="gpuDeviceId">CUDA device to run ONNX Runtime on, or null for CPU.</param>
    /// <param name="fallbackToCpu">Run on CPU when the CUDA provider cannot start instead of failing.</param>
    public static CzslScoringEstimator CzslClassifier(this TransformsCatalog catalog, string modelCardPath,
        string imageColumn = CzslColumns.ImagePath, string imageFolder = "", int? gpuDeviceId = null, bool fallbackToCpu = true) =>
        CzslScoringEstimator.Classifier(catalog, modelCardPath, imageColumn, imageFolder, gpuDeviceId, fallbackToCpu);

    /// <summary>
    /// Embeds the images in <paramref name="imageColumn"/> (paths or <c>MLImage</c>s) with the network of the card at
    /// <paramref name="modelCardPath"/> (any kind with an embedding output) into the float vector column
    /// <see cref="CzslColumns.Features"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="modelCardPath">Model card JSON (its ONNX file is resolved relative to it), or an exported <c>.onnx</c> file (its card is in its metadata).</param>
    /// <param name="imageColumn">Column of image paths or <c>MLImage</c>s.</param>
    /// <param name="imageFolder">Folder the paths are relative to ("" = as given).</param>
    /// <param name="gpuDeviceId">CUDA device to run ONNX Runtime on, or null for CPU.</param>
    /// <param name="fallbackToCpu">Run on CPU when the CUDA provider cannot start instead of failing.</param>
    public static CzslScoringEstimator CzslEncoder(this TransformsCatalog catalog, string modelCardPath,
        string imageColumn = CzslColumns.ImagePath, string imageFolder = "", int? gpuDeviceId = null, bool fallbackToCpu = true) =>
        CzslScoringEstimator.Encoder(catalog, modelCardPath, imageColumn, imageFolder, gpuDeviceId, fallbackToCpu);

    /// <summary>
    /// Maps a text column of class names to a key column whose key values are the card's class names in output order
    /// (so it lines up with <see cref="CzslColumns.PredictedLabel"/> for <c>MulticlassClassification.Evaluate</c>).
    /// Names not in the card become the missing key.
    /// </summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="card">The model card.</param>
    /// <param name="inputColumnName">Text column of class names.</param>
    /// <param name="outputColumnName">Key column to create.</param>
    public static IEstimator<ITransformer> CzslLabelToKey(this TransformsCatalog.ConversionTransforms catalog, ModelCard card,
        string inputColumnName, string outputColumnName = CzslColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(card);
        if (card.ClassNames.Count == 0) throw new ArgumentException("The model card has no class names.", nameof(card));
        var pairs = card.ClassNames.Select(name => new KeyValuePair<string, string>(name, name));
        return catalog.MapValue(outputColumnName, pairs, inputColumnName, treatValuesAsKeyType: true);
    }
}
