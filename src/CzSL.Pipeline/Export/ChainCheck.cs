using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Models;
using CzSL.MLNet;
using CzSL.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Export;

/// <summary>
/// The deployed path scored against the training path: ML.NET's image chain around the exported ONNX model
/// (LoadImages → ResizeImages → ExtractPixels → ApplyOnnxModel), evaluated with ML.NET's own evaluator, next to the
/// TorchSharp probabilities of the same test galaxies.
/// </summary>
/// <param name="Scenario">The card's scenario.</param>
/// <param name="Count">Test images scored.</param>
/// <param name="MlNetAccuracy">ML.NET's micro accuracy of the chain's predicted labels against the expert labels.</param>
/// <param name="TorchAccuracy">Accuracy of TorchSharp's argmax labels.</param>
/// <param name="MaxProbabilityDifference">max |Δp| over every image and class between the chain's scores and TorchSharp's probabilities.</param>
/// <param name="MlNetLogLoss">ML.NET's log-loss.</param>
/// <param name="LabelDisagreements">
/// Images whose chain PredictedLabel differs from TorchSharp's argmax (near-ties, where TorchSharp's top two classes
/// lie within 2 × <see cref="ChainCheck.Tolerance"/>, may flip within the tolerance and are not counted).
/// </param>
public sealed record ChainCheckResult(Scenario Scenario, int Count, double MlNetAccuracy, double TorchAccuracy,
    double MaxProbabilityDifference, double MlNetLogLoss, int LabelDisagreements)
{
    /// <summary>True when max |Δp| ≤ <see cref="ChainCheck.Tolerance"/> and every predicted label agrees.</summary>
    public bool Agrees => MaxProbabilityDifference <= ChainCheck.Tolerance && LabelDisagreements == 0;

    /// <summary>Throws unless <see cref="Agrees"/>: the deployed chain must reproduce what was trained.</summary>
    /// <exception cref="InvalidDataException">The chain's probabilities or labels differ from TorchSharp's.</exception>
    public void EnsureAgrees(string cardPath)
    {
        if (!Agrees)
            throw new InvalidDataException($"{cardPath}: the ML.NET chain does not reproduce TorchSharp on {Count} {Scenario} test images: " +
                                           $"max |Δp| {MaxProbabilityDifference:E2} (tolerance {ChainCheck.Tolerance:G}), {LabelDisagreements} predicted labels differ " +
                                           "(check the card's pixel scale/offset and input size).");
    }
}

/// <summary>Runs <see cref="ChainCheckResult"/>.</summary>
public static class ChainCheck
{
    /// <summary>The largest |Δp| between the ML.NET chain and TorchSharp a deployed model may show.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Scores <paramref name="testIndices"/> through the ML.NET chain of <paramref name="cardPath"/>.</summary>
    public static ChainCheckResult Run(string cardPath, DatasetManifest manifest, IReadOnlyList<int> testIndices,
        IReadOnlyList<int> expertLabels, IReadOnlyList<float[]> torchProbabilities)
    {
        var card = ModelCard.Load(cardPath);
        var scenario = card.Scenario ?? throw new InvalidDataException($"{cardPath}: the card names no scenario.");
        var names = ScenarioClasses.Of(scenario);
        var ml = new MLContext(seed: 1);
        var rows = testIndices.Select((i, k) => new Row { ImagePath = manifest.ImagePath(manifest.Records[i]), LabelName = names[expertLabels[k]] }).ToList();
        // ML.NET's LoadImages would score a truncated file with black rows.
        foreach (var row in rows) ImageDecoder.EnsureComplete(row.ImagePath);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Conversion.CzslLabelToKey(card, nameof(Row.LabelName))
            .Append(ml.Transforms.CzslClassifier(cardPath, nameof(Row.ImagePath))).Fit(data);
        try
        {
            var scored = model.Transform(data);
            var metrics = ml.MulticlassClassification.Evaluate(scored);
            var scores = scored.GetColumn<float[]>(CzslColumns.Score).Select(v => (float[])v.Clone()).ToList();
            // Key values are 1-based: key k is class k − 1.
            var predicted = scored.GetColumn<uint>(CzslColumns.PredictedLabel).Select(key => (int)key - 1).ToList();
            var maxDiff = 0.0;
            for (var k = 0; k < scores.Count; k++)
            for (var c = 0; c < names.Count; c++)
                maxDiff = Math.Max(maxDiff, Math.Abs(scores[k][c] - torchProbabilities[k][c]));
            var torchLabels = torchProbabilities.Select(p => ClassificationMetrics.ArgMax(p)).ToArray();
            var torchAccuracy = Enumerable.Range(0, expertLabels.Count).Count(k => torchLabels[k] == expertLabels[k]) / (double)expertLabels.Count;
            var disagreements = Enumerable.Range(0, predicted.Count).Count(k => predicted[k] != torchLabels[k] && Margin(torchProbabilities[k]) > 2 * Tolerance);
            return new ChainCheckResult(scenario, rows.Count, metrics.MicroAccuracy, torchAccuracy, maxDiff, metrics.LogLoss, disagreements);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    /// <summary>The top class's lead over the runner-up: a tie within 2 × <see cref="Tolerance"/> may flip within the tolerance.</summary>
    private static double Margin(float[] p)
    {
        var sorted = p.OrderDescending().ToArray();
        return sorted[0] - sorted[1];
    }

    private sealed class Row
    {
        public string ImagePath { get; set; } = "";
        public string LabelName { get; set; } = "";
    }
}
