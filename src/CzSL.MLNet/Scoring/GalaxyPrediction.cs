using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Csv;

namespace CzSL.MLNet.Scoring;

/// <summary>The prediction for one image, or why it has none.</summary>
/// <param name="Id">Galaxy id (file name without extension, or the manifest id).</param>
/// <param name="ImagePath">Full image path.</param>
/// <param name="PredictedIndex">0-based predicted class: the argmax of <paramref name="Probabilities"/>, or for a binary card with a
/// decision threshold, class 1 when p(class 1) reaches it (-1 when none is finite or the image failed).</param>
/// <param name="PredictedClass">Class name at <paramref name="PredictedIndex"/> ("" when none).</param>
/// <param name="Probabilities">Class probabilities in the card's class order (empty when the image failed).</param>
/// <param name="Error">Why the image could not be scored (it names the file), or null when it was.</param>
public sealed record GalaxyPrediction(string Id, string ImagePath, int PredictedIndex, string PredictedClass, float[] Probabilities, string? Error = null)
{
    /// <summary>True when the image was scored.</summary>
    public bool Scored => Error is null;

    /// <summary>
    /// How unsure the (calibrated) probabilities are: their entropy normalised to [0, 1] (<see cref="ScoreMath.NormalisedEntropy"/>;
    /// 0 certain, 1 every class equally likely); NaN when the image failed.
    /// </summary>
    public double Uncertainty => ScoreMath.NormalisedEntropy(Probabilities);

    /// <summary>
    /// The epistemic uncertainty of a model exported with MC-dropout (<see cref="Data.Models.ModelCard.MonteCarloDropout"/>):
    /// the mutual information between the prediction and the network's weights over the dropout samples (nats, ≥ 0;
    /// at most log K): high where the dropout samples disagree, i.e. where the network has not learnt the image's kind.
    /// Null when the model has no MC-dropout output or the image failed.
    /// </summary>
    public float? Epistemic { get; init; }

    /// <summary>
    /// Builds a prediction from probabilities: the argmax against <paramref name="classNames"/>, or, for two classes with
    /// a <paramref name="decisionThreshold"/> (the card's), class 1 when p(class 1) ≥ the threshold.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="probabilities">Its class probabilities in the card's class order.</param>
    /// <param name="classNames">The card's class names.</param>
    /// <param name="decisionThreshold">The card's decision threshold, or null.</param>
    /// <param name="epistemic">Its MC-dropout mutual information (<see cref="Epistemic"/>), or null.</param>
    public static GalaxyPrediction FromProbabilities(ImageInput image, float[] probabilities, IReadOnlyList<string> classNames, double? decisionThreshold = null,
        float? epistemic = null)
    {
        var best = ScoreMath.Argmax(probabilities);
        if (best >= 0 && decisionThreshold is { } t && probabilities.Length == 2) best = probabilities[1] >= t ? 1 : 0;
        return new GalaxyPrediction(image.Id, image.Path, best, best < 0 ? "" : classNames[best], probabilities) { Epistemic = epistemic };
    }

    /// <summary>The row of an image that could not be scored.</summary>
    public static GalaxyPrediction Failed(ImageInput image, string error) => new(image.Id, image.Path, -1, "", [], error);
}

/// <summary>Progress of a scoring run.</summary>
/// <param name="Done">Images scored so far.</param>
/// <param name="Total">Images to score.</param>
public readonly record struct PredictionProgress(int Done, int Total);

/// <summary>What <see cref="GalaxyPredictor.PredictToCsv"/> did.</summary>
/// <param name="Images">Images asked for.</param>
/// <param name="Failed">Images that could not be read (their rows carry the error).</param>
/// <param name="FirstError">The first failed image's error, or null.</param>
/// <param name="OutputCsv">Full path of the CSV written.</param>
/// <param name="Provider">The ONNX Runtime provider that ran.</param>
/// <param name="Elapsed">Wall time of decoding and scoring.</param>
public sealed record PredictionRunSummary(int Images, int Failed, string? FirstError, string OutputCsv, ExecutionProviderInfo Provider, TimeSpan Elapsed)
{
    /// <summary>Images scored.</summary>
    public int Scored => Images - Failed;
}

/// <summary>
/// Writes predictions as CSV: <c>id,image,predicted,p_&lt;class&gt;…,uncertainty[,epistemic],error</c> (invariant culture,
/// round-trip floats; <c>uncertainty</c> is <see cref="GalaxyPrediction.Uncertainty"/>; <c>epistemic</c>, only for a model
/// exported with MC-dropout, is <see cref="GalaxyPrediction.Epistemic"/>). A scored image has an empty error; an image
/// that could not be read has empty prediction, probabilities and uncertainties and the reason in <c>error</c>.
/// </summary>
public static class PredictionCsv
{
    /// <summary>The header for <paramref name="classNames"/>, with the <see cref="EpistemicColumn"/> when <paramref name="epistemic"/>.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> classNames, bool epistemic = false) =>
        ["id", "image", "predicted", .. classNames.Select(c => "p_" + c), UncertaintyColumn, .. epistemic ? [EpistemicColumn] : Array.Empty<string>(), "error"];

    /// <summary>Name of the uncertainty column.</summary>
    public const string UncertaintyColumn = "uncertainty";

    /// <summary>Name of the MC-dropout mutual information column (models exported with MC-dropout only).</summary>
    public const string EpistemicColumn = "epistemic";

    /// <summary>
    /// Writes <paramref name="predictions"/> to <paramref name="path"/> atomically (temp file, then move); with
    /// <paramref name="epistemic"/> (the card declares MC-dropout) every scored row must carry <see cref="GalaxyPrediction.Epistemic"/>.
    /// </summary>
    public static void Write(string path, IReadOnlyList<string> classNames, IEnumerable<GalaxyPrediction> predictions, bool epistemic = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var sb = new StringBuilder();
        AppendRow(sb, Header(classNames, epistemic));
        string[] noEpistemic = epistemic ? [""] : [];
        foreach (var p in predictions)
        {
            if (!p.Scored)
            {
                AppendRow(sb, [p.Id, p.ImagePath, "", .. classNames.Select(_ => ""), "", .. noEpistemic, p.Error!.ReplaceLineEndings(" ")]);
                continue;
            }
            if (p.Probabilities.Length != classNames.Count)
                throw new ArgumentException($"Prediction for '{p.Id}' has {p.Probabilities.Length} probabilities; the card has {classNames.Count} classes.", nameof(predictions));
            string[] information = !epistemic ? []
                : p.Epistemic is { } e ? [e.ToString("R", CultureInfo.InvariantCulture)]
                : throw new ArgumentException($"Prediction for '{p.Id}' has no epistemic uncertainty, but the CSV has the {EpistemicColumn} column.", nameof(predictions));
            AppendRow(sb, [p.Id, p.ImagePath, p.PredictedClass, .. p.Probabilities.Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
                p.Uncertainty.ToString("R", CultureInfo.InvariantCulture), .. information, ""]);
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Appends one CSV row (fields quoted where needed) and a newline.</summary>
    internal static void AppendRow(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            CsvField.Append(sb, fields[i]);
        }
        sb.Append('\n');
    }
}
