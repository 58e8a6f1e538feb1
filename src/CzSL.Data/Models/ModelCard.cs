using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CzSL.Data.Models;

/// <summary>
/// Everything needed to score images with an exported ONNX network without knowing how it was trained: the file and
/// its SHA-256, the input contract (size, layout, pixel scaling), the outputs, the class names in output order, and
/// where it came from (scenario, data counts, metrics, exporter). Stored as JSON next to the ONNX file.
/// </summary>
/// <remarks>
/// Integrity (format version 2): <see cref="Save"/> records, for every field that changes predictions — everything
/// except <c>formatVersion</c>, <c>trainingData</c>, <c>metrics</c>, <c>exporter</c> and <c>createdUtc</c> — a digest
/// of its value (<see cref="Integrity"/>); <see cref="Load"/> refuses a card whose fields no longer match, naming
/// them. It catches a hand-edited card (swapped class names, another pixel scale or input size), not a deliberate
/// forgery: a changed model is made by exporting again.
/// </remarks>
public sealed record ModelCard
{
    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 2;

    // Top-level fields that describe the model's history, not how it predicts: not covered by the integrity record.
    private static readonly HashSet<string> Descriptive = ["formatVersion", "trainingData", "metrics", "exporter", "createdUtc", "integrity"];

    private const string InMemory = "<in memory>";

    /// <summary>Card format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>What the network computes.</summary>
    public required ModelKind Kind { get; init; }
    /// <summary>ONNX file name, relative to the card's folder.</summary>
    public required string OnnxFile { get; init; }
    /// <summary>Lower-case hex SHA-256 of the ONNX file.</summary>
    public required string OnnxSha256 { get; init; }
    /// <summary>The image input contract.</summary>
    public required ModelInputSpec Input { get; init; }
    /// <summary>The output names.</summary>
    public required ModelOutputSpec Outputs { get; init; }
    /// <summary>Class names in output order (classifiers; empty otherwise).</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];
    private string? _scenario;

    /// <summary>
    /// The scenario (task) the classifier was trained for, when there is one: a built-in one, or a user's own task named
    /// on the card with <see cref="ClassNames"/> as its classes. Stored as its name (<c>"scenario": "ES"</c>, <c>"ring"</c>).
    /// </summary>
    [JsonIgnore]
    public Scenario? Scenario
    {
        get => _scenario is null ? null : Data.Scenario.FromCard(_scenario, ClassNames);
        init => _scenario = value?.ToString();
    }

    // The JSON form of Scenario: its display name, as cards have always stored it.
    [JsonInclude]
    [JsonPropertyName("scenario")]
    private string? ScenarioName
    {
        get => _scenario;
        init => _scenario = value;
    }
    /// <summary>Free-form counts describing the training data (e.g. "expert": 439, "amateur": 6225).</summary>
    public IReadOnlyDictionary<string, long> TrainingData { get; init; } = new Dictionary<string, long>();
    /// <summary>Free-form metrics measured on held-out data (e.g. "accuracy": 0.93).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>
    /// The class balance the probabilities assume (in class order), when known: to score a set with another balance,
    /// adjust with <see cref="Metrics.PriorAdjustment.Estimate"/>.
    /// </summary>
    public IReadOnlyList<double>? TrainingPrior { get; init; }
    /// <summary>
    /// Binary classifiers: the p(class 1) threshold chosen on the training labels (e.g. max G-mean for a rare class);
    /// null: 0.5. The ML.NET chain's <c>PredictedPositive</c> column uses 0.5; decide with this threshold on <c>Score</c>.
    /// </summary>
    public double? DecisionThreshold { get; init; }
    /// <summary>
    /// Classifiers: the temperature T the exported graph divides the logits by before the softmax (temperature scaling
    /// fitted on validation data; <c>probabilities = softmax(logits / T)</c>); null on older cards: 1, uncalibrated.
    /// </summary>
    public double? Temperature { get; init; }
    /// <summary>
    /// Classifiers exported with Monte-Carlo dropout: the samples and seed of the fixed masks behind the graph's
    /// <see cref="ModelOutputSpec.MonteCarloProbabilities"/> and <see cref="ModelOutputSpec.MutualInformation"/> outputs;
    /// null when the model has none (then predictions have no epistemic uncertainty).
    /// </summary>
    public MonteCarloDropout? MonteCarloDropout { get; init; }
    /// <summary>What the model was trained on, what it is for, where it fails and how to cite it (null on older cards).</summary>
    public ModelAbout? About { get; init; }
    /// <summary>The program that wrote the ONNX file.</summary>
    public required ExporterInfo Exporter { get; init; }
    /// <summary>When the card was created (UTC).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>
    /// Field path (e.g. <c>input.pixelScale</c>) → digest of the value it had when the card was saved; written by
    /// <see cref="Save"/>, checked by <see cref="Load"/> (see the class remarks). Null on cards not yet saved.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Integrity { get; init; }

    /// <summary>JSON settings of the card format: camelCase, enums as strings, unknown fields rejected.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The full path of the ONNX file of a card stored at <paramref name="cardPath"/>.</summary>
    public string OnnxPath(string cardPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(cardPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(folder, OnnxFile));
    }

    /// <summary>Validates the card and writes it, sealed (<see cref="ToJson"/>), to <paramref name="path"/> atomically (temp file, then move).</summary>
    /// <exception cref="ModelCardException">A field is missing or out of range.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = ToJson(path);
        AtomicFile.Write(path, s => s.Write(json));
    }

    /// <summary>
    /// Validates the card and returns its JSON at the current format version with a fresh <see cref="Integrity"/>
    /// record; <paramref name="cardPath"/> names the card in errors.
    /// </summary>
    /// <exception cref="ModelCardException">A field is missing or out of range.</exception>
    public byte[] ToJson(string? cardPath = null)
    {
        Validate(cardPath);
        var card = this with { FormatVersion = CurrentFormatVersion, Integrity = null };
        return JsonSerializer.SerializeToUtf8Bytes(card with { Integrity = card.Digests() }, JsonOptions);
    }

    /// <summary>
    /// Reads the card at <paramref name="path"/>, checks its fields and, with <paramref name="verifyHash"/>, that the
    /// ONNX file exists and has the recorded SHA-256.
    /// </summary>
    /// <exception cref="FileNotFoundException">The card file does not exist.</exception>
    /// <param name="path">The card file.</param>
    /// <param name="verifyHash">Also check the ONNX file's SHA-256 and the card's <see cref="Integrity"/> record.</param>
    /// <exception cref="ModelCardException">Bad JSON, a missing or out-of-range field, a missing ONNX file, a hash
    /// mismatch, or (with <paramref name="verifyHash"/>) fields changed since the card was saved.</exception>
    public static ModelCard Load(string path, bool verifyHash = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model card '{path}' does not exist.", path);
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" (at {ex.Path}, line {ex.LineNumber + 1})";
            throw new ModelCardException(path, null, $"not a valid model card{where}: {ex.Message}", ex);
        }
        if (card is null) throw new ModelCardException(path, null, "the file holds JSON null, not a model card.");
        card.Validate(path);
        if (!verifyHash) return card;
        card.VerifyOnnxHash(path);
        card.VerifyIntegrity(path);
        return card;
    }

    /// <summary>Checks the <see cref="Integrity"/> record against the card's fields.</summary>
    /// <exception cref="ModelCardException">The record is missing (a format-1 card), or fields were changed, added or
    /// removed since the card was saved; the field is the first of them and the message lists all.</exception>
    public void VerifyIntegrity(string cardPath)
    {
        if (Integrity is null)
            throw new ModelCardException(cardPath, "integrity",
                $"is missing (format version {FormatVersion} cards have none), so edits to class names or pixel scaling cannot be detected; export the model again with `czsl export`.");
        var actual = (this with { Integrity = null }).Digests();
        var changed = actual.Where(kv => Integrity.TryGetValue(kv.Key, out var d) && d != kv.Value).Select(kv => kv.Key).ToList();
        var added = actual.Keys.Where(k => !Integrity.ContainsKey(k)).ToList();
        var removed = Integrity.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        if (changed.Count + added.Count + removed.Count == 0) return;
        var parts = new List<string>();
        if (changed.Count > 0) parts.Add($"changed: {string.Join(", ", changed)}");
        if (added.Count > 0) parts.Add($"added: {string.Join(", ", added)}");
        if (removed.Count > 0) parts.Add($"removed: {string.Join(", ", removed)}");
        throw new ModelCardException(cardPath, changed.Concat(added).Concat(removed).First(),
            $"the card was edited after export ({string.Join("; ", parts)}), so its predictions would not be the exported model's; export the model again instead of editing the card.");
    }

    // Field path → first 16 hex digits of SHA-256("path=value") for every leaf that changes predictions; arrays are one leaf.
    private Dictionary<string, string> Digests()
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(string path, JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj) Walk(path.Length == 0 ? name : $"{path}.{name}", child);
                return;
            }
            var text = $"{path}={node?.ToJsonString() ?? "null"}";
            digests[path] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
        var json = JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();
        foreach (var (name, child) in json)
            if (!Descriptive.Contains(name)) Walk(name, child);
        return digests;
    }

    /// <summary>Checks that the ONNX file next to the card exists and has the recorded SHA-256.</summary>
    /// <exception cref="ModelCardException">The file is missing or its hash differs.</exception>
    public void VerifyOnnxHash(string cardPath)
    {
        var onnx = OnnxPath(cardPath);
        if (!File.Exists(onnx))
            throw new ModelCardException(cardPath, "onnxFile", $"ONNX file '{onnx}' does not exist.");
        var actual = ComputeSha256(onnx);
        if (!string.Equals(actual, OnnxSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelCardException(cardPath, "onnxSha256",
                $"the card records {OnnxSha256} but ONNX file '{onnx}' has SHA-256 {actual} (the file was changed or replaced).");
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string ComputeSha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Checks required fields and ranges; <paramref name="cardPath"/> names the card in errors.</summary>
    /// <exception cref="ModelCardException">The first problem found.</exception>
    public void Validate(string? cardPath = null)
    {
        var card = cardPath ?? InMemory;
        void Fail(string field, string problem) => throw new ModelCardException(card, field, problem);

        if (FormatVersion < 1 || FormatVersion > CurrentFormatVersion)
            Fail("formatVersion", $"is {FormatVersion}; this build reads versions 1 to {CurrentFormatVersion}.");
        if (!Enum.IsDefined(Kind)) Fail("kind", $"'{Kind}' is not classifier, encoder or autoencoder.");
        if (string.IsNullOrWhiteSpace(OnnxFile)) Fail("onnxFile", "is empty.");
        if (Path.IsPathRooted(OnnxFile)) Fail("onnxFile", $"'{OnnxFile}' must be relative to the card's folder.");
        if (OnnxSha256 is null || OnnxSha256.Length != 64 || !OnnxSha256.All(Uri.IsHexDigit))
            Fail("onnxSha256", $"'{OnnxSha256}' is not a 64-digit hex SHA-256.");
        ValidateInput(Fail);
        ValidateOutputs(Fail);
        if (Exporter is null || string.IsNullOrWhiteSpace(Exporter.Name)) Fail("exporter.name", "is empty.");
        if (string.IsNullOrWhiteSpace(Exporter!.Version)) Fail("exporter.version", "is empty.");
        if (CreatedUtc == default) Fail("createdUtc", "is missing.");
        if (TrainingData is null) Fail("trainingData", "is null.");
        if (Metrics is null) Fail("metrics", "is null.");
    }

    private void ValidateInput(Action<string, string> fail)
    {
        if (Input is null) { fail("input", "is missing."); return; }
        if (string.IsNullOrWhiteSpace(Input.Name)) fail("input.name", "is empty.");
        if (Input.Layout != "NCHW") fail("input.layout", $"'{Input.Layout}' is not supported; expected NCHW.");
        if (Input.ElementType != "float") fail("input.elementType", $"'{Input.ElementType}' is not supported; expected float.");
        if (Input.Channels != 3) fail("input.channels", $"is {Input.Channels}; expected 3.");
        if (Input.Width <= 0) fail("input.width", $"must be > 0 (got {Input.Width}).");
        if (Input.Height <= 0) fail("input.height", $"must be > 0 (got {Input.Height}).");
        if (Input.ChannelOrder != "RGB") fail("input.channelOrder", $"'{Input.ChannelOrder}' is not supported; expected RGB.");
        if (!float.IsFinite(Input.PixelScale) || Input.PixelScale == 0) fail("input.pixelScale", $"must be finite and non-zero (got {Input.PixelScale}).");
        if (!float.IsFinite(Input.PixelOffset)) fail("input.pixelOffset", $"must be finite (got {Input.PixelOffset}).");
        if ((Input.Mean is null) != (Input.Std is null)) fail(Input.Mean is null ? "input.mean" : "input.std", "mean and std must be given together.");
        if (Input.Mean is { } mean && mean.Count != Input.Channels) fail("input.mean", $"has {mean.Count} values; expected {Input.Channels}.");
        if (Input.Std is { } std && (std.Count != Input.Channels || std.Any(s => !(s > 0))))
            fail("input.std", $"must be {Input.Channels} values > 0.");
        if (Input.Preprocessing is { } pre)
        {
            if (pre.NetworkSize <= 0) fail("input.preprocessing.networkSize", $"must be > 0 (got {pre.NetworkSize}).");
            if (pre.Downscale < 1 || pre.Downscale > Images.ImagePreprocessing.MaxDownscale)
                fail("input.preprocessing.downscale", $"must be 1 to {Images.ImagePreprocessing.MaxDownscale} (got {pre.Downscale}).");
            if (!(pre.CentreCrop > 0 && pre.CentreCrop <= 1)) fail("input.preprocessing.centreCrop", $"must lie in (0, 1] (got {pre.CentreCrop}).");
            if (pre.CropSize != pre.NetworkSize * pre.Downscale)
                fail("input.preprocessing.cropSize", $"is {pre.CropSize}; networkSize × downscale is {pre.NetworkSize * pre.Downscale}.");
            var resize = pre.ToPreprocessing().ResizeSize;
            if (Input.Width != resize || Input.Height != resize)
                fail("input.width", $"is {Input.Width}×{Input.Height}; the preprocessing ({pre.Description ?? "crop and downscale"}) needs the image resized to {resize}×{resize}.");
        }
        if (Input.Mean is not null && !Input.NormalizationInGraph)
            fail("input.normalizationInGraph", "must be true: per-channel mean/std can only be applied inside the ONNX graph.");
    }

    private void ValidateOutputs(Action<string, string> fail)
    {
        if (Outputs is null) { fail("outputs", "is missing."); return; }
        if (ClassNames is null) { fail("classNames", "is null."); return; }
        switch (Kind)
        {
            case ModelKind.Classifier:
                if (string.IsNullOrWhiteSpace(Outputs.Probabilities)) fail("outputs.probabilities", "is required for a classifier.");
                if (ClassNames.Count < 2) fail("classNames", $"a classifier needs at least 2 classes (got {ClassNames.Count}).");
                break;
            case ModelKind.Encoder:
                if (string.IsNullOrWhiteSpace(Outputs.Embedding)) fail("outputs.embedding", "is required for an encoder.");
                break;
            case ModelKind.Autoencoder:
                if (string.IsNullOrWhiteSpace(Outputs.Reconstruction)) fail("outputs.reconstruction", "is required for an autoencoder.");
                break;
        }
        for (var i = 0; i < ClassNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ClassNames[i])) fail($"classNames[{i}]", "is empty.");
            for (var j = 0; j < i; j++)
                if (string.Equals(ClassNames[i], ClassNames[j], StringComparison.OrdinalIgnoreCase))
                    fail($"classNames[{i}]", $"'{ClassNames[i]}' repeats classNames[{j}].");
        }
        if (Scenario is { IsBuiltIn: true } s && Kind == ModelKind.Classifier && !ClassNames.SequenceEqual(ScenarioClasses.Of(s), StringComparer.OrdinalIgnoreCase))
            fail("classNames", $"[{string.Join(", ", ClassNames)}] differ from scenario {s}'s classes [{string.Join(", ", ScenarioClasses.Of(s))}].");
        if (DecisionThreshold is { } threshold && (ClassNames.Count != 2 || !(threshold > 0 && threshold < 1)))
            fail("decisionThreshold", $"applies to two-class models only and must lie in (0, 1) (got {threshold} for {ClassNames.Count} classes).");
        if (Temperature is { } temperature && (Kind != ModelKind.Classifier || !(temperature > 0) || !double.IsFinite(temperature)))
            fail("temperature", $"applies to classifiers only and must be finite and > 0 (got {temperature} for a {Kind}).");
        if (TrainingPrior is { } prior && (prior.Count != ClassNames.Count || prior.Any(p => !(p > 0)) || Math.Abs(prior.Sum() - 1) > 1e-6))
            fail("trainingPrior", $"must hold one positive share per class summing to 1 (got [{string.Join(", ", prior)}]).");
        if (Outputs.Embedding is not null && Outputs.EmbeddingSize is not > 0)
            fail("outputs.embeddingSize", $"must be > 0 when outputs.embedding is set (got {Outputs.EmbeddingSize?.ToString() ?? "nothing"}).");
        ValidateMonteCarlo(fail);
        string?[] names = [Input.Name, Outputs.Probabilities, Outputs.Embedding, Outputs.Reconstruction, Outputs.MonteCarloProbabilities, Outputs.MutualInformation];
        var given = names.Where(n => n is not null).ToList();
        if (given.Distinct(StringComparer.Ordinal).Count() != given.Count)
            fail("outputs", $"input and output names must differ (got {string.Join(", ", given)}).");
    }

    private void ValidateMonteCarlo(Action<string, string> fail)
    {
        var outputs = Outputs.MonteCarloProbabilities is not null || Outputs.MutualInformation is not null;
        if (MonteCarloDropout is null)
        {
            if (outputs) fail("monteCarloDropout", "is missing, but the outputs name MC-dropout outputs (monteCarloProbabilities, mutualInformation).");
            return;
        }
        if (Kind != ModelKind.Classifier) fail("monteCarloDropout", $"applies to classifiers only (this card is a {Kind}).");
        if (MonteCarloDropout.Samples is < 2 or > MonteCarloDropout.MaxSamples)
            fail("monteCarloDropout.samples", $"must lie in [2, {MonteCarloDropout.MaxSamples}] (got {MonteCarloDropout.Samples}).");
        if (string.IsNullOrWhiteSpace(Outputs.MonteCarloProbabilities)) fail("outputs.monteCarloProbabilities", "is required with monteCarloDropout.");
        if (string.IsNullOrWhiteSpace(Outputs.MutualInformation)) fail("outputs.mutualInformation", "is required with monteCarloDropout.");
    }
}
