using CzSL.Data.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Scores images with the ONNX network of a <see cref="ModelCard"/>. Delegates to an inner
/// <see cref="EstimatorChain{TLastTransformer}"/> of public ML.NET transforms:
/// [LoadImages →] ResizeImages(Fill) → ExtractPixels(planar RGB, card's offset/scale) → ApplyOnnxModel → outputs.
/// </summary>
/// <remarks>
/// <para>Estimator characteristics: does not need training (Fit only validates and binds); input: one image column,
/// of either kind <see cref="ImageColumnKind"/> names — image paths (text, decoded by LoadImages) or decoded images
/// (<see cref="MLImage"/>, e.g. <c>MLImage.CreateFromStream</c> of in-memory bytes; LoadImages skipped) — chosen from
/// the column's type when the chain is fitted; both give the same pixels (the same decoder and resize); output (classifier):
/// <see cref="CzslColumns.Score"/> (float vector [C]), <see cref="CzslColumns.PredictedLabel"/> (key over the card's
/// class names) and <see cref="CzslColumns.PredictedClass"/> (its class name as text), for 2-class cards also
/// <see cref="CzslColumns.Probability"/> and <see cref="CzslColumns.PredictedPositive"/>, and
/// <see cref="CzslColumns.Embedding"/> when the card has one, <see cref="CzslColumns.Epistemic"/> when it was exported with
/// MC-dropout; output (encoder): <see cref="CzslColumns.Features"/>.
/// Packages: Microsoft.ML, Microsoft.ML.ImageAnalytics, Microsoft.ML.OnnxTransformer. Exportable to ONNX: no.</para>
/// <para>The fitted transformer embeds the ONNX bytes when saved with <c>mlContext.Model.Save</c>; GPU settings
/// are not saved (after loading they come from <c>MLContext.GpuDeviceId</c>/<c>FallbackToCpu</c>). The card's input
/// name (e.g. "image") is used as a temporary column and dropped, so an input column of that name is shadowed.</para>
/// <para>The card is checked when the estimator is built: fields, the ONNX file's SHA-256, the integrity record and
/// the fit to the graph (<see cref="ModelGraphCheck"/>); a failure is a <see cref="ModelCardException"/> naming the
/// field. ML.NET's LoadImages accepts a truncated image file (the missing rows come out black): check files with
/// <see cref="CzSL.Data.Images.ImageDecoder.EnsureComplete"/> first, as <see cref="GalaxyPredictor"/> does.</para>
/// </remarks>
public sealed class CzslScoringEstimator : IEstimator<ITransformer>
{
    private readonly Func<ImageColumnKind, IEstimator<ITransformer>> _chain;

    private CzslScoringEstimator(ModelCard card, string imageColumn, Func<ImageColumnKind, IEstimator<ITransformer>> chain)
    {
        Card = card;
        ImageColumn = imageColumn;
        _chain = chain;
    }

    /// <summary>The model card the chain was built from.</summary>
    public ModelCard Card { get; }

    /// <summary>The input image column (paths or <see cref="MLImage"/>s).</summary>
    public string ImageColumn { get; }

    /// <summary>Checks the image column and fits the inner chain for its kind (no training happens).</summary>
    /// <exception cref="ArgumentException">The image column is missing or of another type.</exception>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(ImageColumn);
        if (column is null) throw MissingColumn(ImageColumn);
        var kind = KindOf(column.Value.Type) ?? throw WrongType(ImageColumn, column.Value.Type.ToString() ?? "unknown");
        return _chain(kind).Fit(input);
    }

    /// <summary>Checks the image column and returns the schema the chain produces.</summary>
    /// <exception cref="ArgumentException">The image column is missing or of another type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var matches = inputSchema.Where(c => c.Name == ImageColumn).ToList();
        if (matches.Count == 0) throw MissingColumn(ImageColumn);
        var column = matches[^1];
        var kind = KindOf(column) ?? throw WrongType(ImageColumn, Describe(column));
        return _chain(kind).GetOutputSchema(inputSchema);
    }

    private static ImageColumnKind? KindOf(DataViewType type) => type switch
    {
        TextDataViewType => ImageColumnKind.Path,
        ImageDataViewType => ImageColumnKind.Image,
        _ => null,
    };

    private static ImageColumnKind? KindOf(SchemaShape.Column column) => column switch
    {
        { Kind: SchemaShape.Column.VectorKind.Scalar, ItemType: TextDataViewType } => ImageColumnKind.Path,
        { Kind: SchemaShape.Column.VectorKind.Scalar, ItemType: ImageDataViewType } => ImageColumnKind.Image,
        _ => null,
    };

    /// <summary>Type text in ML.NET's style: "Single", "Key&lt;UInt32&gt;", "Vector&lt;Single&gt;", "VarVector&lt;Single&gt;".</summary>
    private static string Describe(SchemaShape.Column column)
    {
        var item = column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : column.ItemType.ToString() ?? "unknown";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }

    private static ArgumentException MissingColumn(string name) =>
        new($"Could not find input column '{name}'", "inputSchema");

    private static ArgumentException WrongType(string name, string actual) =>
        new($"Schema mismatch for input column '{name}': expected String (image path) or Image (MLImage), got {actual}", "inputSchema");

    /// <summary>Builds the classifier chain; see <see cref="CzslTransformsCatalog.CzslClassifier"/>.</summary>
    internal static CzslScoringEstimator Classifier(TransformsCatalog catalog, string cardPath, string imageColumn,
        string imageFolder, int? gpuDeviceId, bool fallbackToCpu)
    {
        var card = LoadCard(catalog, cardPath, imageColumn);
        if (card.Kind != ModelKind.Classifier || card.Outputs.Probabilities is null)
            throw new ArgumentException($"Model card '{cardPath}' is a {card.Kind.ToString().ToLowerInvariant()}, not a classifier.", nameof(cardPath));

        var probabilities = card.Outputs.Probabilities;
        var embedding = card.Outputs.Embedding;
        var information = card.Outputs.MutualInformation;
        string[] outputs = [probabilities, .. new[] { embedding, information }.OfType<string>()];
        var onnx = ApplyOnnx(catalog, card, cardPath, outputs, gpuDeviceId, fallbackToCpu);
        var classIndex = card.ClassNames.Select((name, i) => new KeyValuePair<uint, string>((uint)i, name)).ToList();
        string[] scratch = [CzslColumns.LoadedImage, card.Input.Name, .. outputs, CzslColumns.PredictedIndex];
        return new CzslScoringEstimator(card, imageColumn, kind =>
        {
            IEstimator<ITransformer> chain = Preprocess(catalog, card, imageColumn, imageFolder, kind)
                .Append(onnx)
                .Append(catalog.Concatenate(CzslColumns.Score, probabilities));
            if (embedding is not null) chain = chain.Append(catalog.Concatenate(CzslColumns.Embedding, embedding));
            if (information is not null) chain = chain.Append(catalog.Concatenate(CzslColumns.Epistemic, information));
            chain = chain
                .Append(catalog.CustomMapping<ScoreRow, PredictedIndexRow>(ArgmaxMappingFactory.Map, ArgmaxMappingFactory.ContractName))
                .Append(catalog.Conversion.MapValue(CzslColumns.PredictedLabel, classIndex, CzslColumns.PredictedIndex, treatValuesAsKeyType: true))
                .Append(catalog.Conversion.MapKeyToValue(CzslColumns.PredictedClass, CzslColumns.PredictedLabel));
            if (card.ClassNames.Count == 2)
                chain = chain.Append(catalog.CustomMapping<ScoreRow, BinaryDecisionRow>(BinaryDecisionMappingFactory.Map, BinaryDecisionMappingFactory.ContractName));
            return chain.Append(catalog.DropColumns(scratch));
        });
    }

    /// <summary>Builds the encoder chain; see <see cref="CzslTransformsCatalog.CzslEncoder"/>.</summary>
    internal static CzslScoringEstimator Encoder(TransformsCatalog catalog, string cardPath, string imageColumn,
        string imageFolder, int? gpuDeviceId, bool fallbackToCpu)
    {
        var card = LoadCard(catalog, cardPath, imageColumn);
        var embedding = card.Outputs.Embedding
            ?? throw new ArgumentException($"Model card '{cardPath}' has no embedding output (outputs.embedding).", nameof(cardPath));
        var onnx = ApplyOnnx(catalog, card, cardPath, [embedding], gpuDeviceId, fallbackToCpu);
        return new CzslScoringEstimator(card, imageColumn, kind => Preprocess(catalog, card, imageColumn, imageFolder, kind)
            .Append(onnx)
            .Append(catalog.Concatenate(CzslColumns.Features, embedding))
            .Append(catalog.DropColumns(CzslColumns.LoadedImage, card.Input.Name, embedding)));
    }

    private static ModelCard LoadCard(TransformsCatalog catalog, string cardPath, string imageColumn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(cardPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageColumn);
        return ModelGraphCheck.LoadVerified(cardPath);
    }

    // Paths are decoded by LoadImages (MLImage.CreateFromFile, the decoder MLImage.CreateFromStream uses); a decoded image goes straight to the resize.
    private static IEstimator<ITransformer> Preprocess(TransformsCatalog catalog, ModelCard card, string imageColumn, string imageFolder,
        ImageColumnKind kind)
    {
        var resize = catalog.ResizeImages(CzslColumns.LoadedImage, card.Input.Width, card.Input.Height,
            kind == ImageColumnKind.Image ? imageColumn : CzslColumns.LoadedImage, ImageResizingEstimator.ResizingKind.Fill);
        var resized = kind == ImageColumnKind.Image
            ? (IEstimator<ITransformer>)resize
            : catalog.LoadImages(CzslColumns.LoadedImage, imageFolder ?? "", imageColumn).Append(resize);
        return resized.Append(catalog.ExtractPixels(card.Input.Name, CzslColumns.LoadedImage,
                ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ARGB,
                interleavePixelColors: false, offsetImage: card.Input.PixelOffset, scaleImage: card.Input.PixelScale,
                outputAsFloatArray: true));
    }

    // A GPU asked for with CPU fallback on a machine where the CUDA provider cannot load runs on the CPU outright:
    // ONNX Runtime would print a red error line while trying it (CudaProbe).
    private static OnnxScoringEstimator ApplyOnnx(TransformsCatalog catalog, ModelCard card, string cardPath, string[] outputs,
        int? gpuDeviceId, bool fallbackToCpu) =>
        catalog.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = card.OnnxPath(cardPath),
            InputColumns = [card.Input.Name],
            OutputColumns = outputs,
            ShapeDictionary = new Dictionary<string, int[]> { [card.Input.Name] = [1, 3, card.Input.Height, card.Input.Width] },
            GpuDeviceId = gpuDeviceId is not null && fallbackToCpu && !CudaProbe.IsAvailable ? null : gpuDeviceId,
            FallbackToCpu = fallbackToCpu,
        });
}
