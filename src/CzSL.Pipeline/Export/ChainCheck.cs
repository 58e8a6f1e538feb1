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
public sealed record ChainCheckResult(Scenario Scenario, int Count, double MlNetAccuracy, double TorchAccuracy,
    double MaxProbabilityDifference, double MlNetLogLoss);

/// <summary>Runs <see cref="ChainCheckResult"/>.</summary>
public static class ChainCheck
{
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
            var maxDiff = 0.0;
            for (var k = 0; k < scores.Count; k++)
            for (var c = 0; c < names.Count; c++)
                maxDiff = Math.Max(maxDiff, Math.Abs(scores[k][c] - torchProbabilities[k][c]));
            var torchAccuracy = Enumerable.Range(0, expertLabels.Count)
                .Count(k => ClassificationMetrics.ArgMax(torchProbabilities[k]) == expertLabels[k]) / (double)expertLabels.Count;
            return new ChainCheckResult(scenario, rows.Count, metrics.MicroAccuracy, torchAccuracy, maxDiff, metrics.LogLoss);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private sealed class Row
    {
        public string ImagePath { get; set; } = "";
        public string LabelName { get; set; } = "";
    }
}
