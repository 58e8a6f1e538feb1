using System.Diagnostics;
using CzSL.Data.Images;
using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Comparison;

/// <summary>
/// CzSL and every ablation (<see cref="CzslMethods.All"/>) of one scenario in one repeat, each trained by the
/// repeat's <see cref="CzslRecipe"/> and scored on the test set. Binary thresholds (MG) follow the preset's
/// <see cref="CzSL.Training.Presets.Preset.MgThreshold"/> on the expert training set L (ours: max G-mean; the paper's:
/// 0.5), never the test set. A method the data cannot support (e.g. amateur pre-training when every label is an
/// expert's) is skipped with a note, never a crash.
/// </summary>
public sealed class CnnMethods(CzslRecipe recipe, ImageStore store, Action<string>? note = null)
{
    /// <summary>Runs every method; returns their outcomes and the trained CzSL network (null when CzSL could not run; the caller disposes it).</summary>
    public (IReadOnlyList<MethodOutcome> Outcomes, CzslClassifier? Czsl) Run(ScenarioData data)
    {
        var recipeData = data.ForRecipe();
        var outcomes = new List<MethodOutcome>();
        CzslClassifier? czsl = null;
        try
        {
            foreach (var method in CzslMethods.All)
            {
                if (Unsupported(method, recipeData) is { } reason)
                {
                    note?.Invoke($"{data.Scenario}: {method.Name()} skipped — {reason}");
                    continue;
                }
                var result = recipe.Train(recipeData, method);
                outcomes.Add(Score(method, result, data));
                if (method == CzslMethod.Czsl) czsl = result.Model;
                else result.Model.Dispose();
            }
        }
        catch
        {
            czsl?.Dispose();
            throw;
        }
        return (outcomes, czsl);
    }

    /// <summary>Why <paramref name="method"/> cannot learn from <paramref name="data"/>, or null when it can.</summary>
    private static string? Unsupported(CzslMethod method, RecipeData data)
    {
        var switches = method.Switches();
        if (switches.Amateurs && data.Amateur.Count < 2) return $"only {data.Amateur.Count} amateur-labelled galaxies to pre-train on";
        var expert = switches.Amateurs ? data.Expert : data.ExpertAlone ?? data.Expert;
        if (switches.Expert && expert.Count < 2) return $"only {expert.Count} expert-labelled training galaxies";
        return null;
    }

    private MethodOutcome Score(CzslMethod method, RecipeResult result, ScenarioData data)
    {
        var clock = Stopwatch.StartNew();
        var probabilities = ClassifierStage.Predict(result.Model, store, data.Test.Indices);
        var scoreSeconds = clock.Elapsed.TotalSeconds;
        double? threshold = null;
        if (data.Scenario.IsRareBinary)
        {
            var scores = ClassifierStage.Predict(result.Model, store, data.Expert.Indices).Select(p => (double)p[1]).ToArray();
            threshold = ThresholdSelection.Choose(recipe.Options.Preset.MgThreshold, data.Expert.Labels, scores);
        }
        var options = recipe.Options;
        var description = method == CzslMethod.Czsl
            ? $"autoencoder → amateur ({options.AmateurPolicy.Name}) → transfer ({options.Transfer.Name}) → expert"
            : method.Description();
        // Temperature scaling: the ECE the unscaled softmax would have had on the same test set.
        var temperature = result.Model.Temperature;
        var calibration = temperature == 1 ? null : new Reporting.TemperatureCalibration(temperature,
            ClassificationMetrics.ExpectedCalibrationError(data.Test.Labels, ClassifierStage.Predict(result.Model, store, data.Test.Indices, temperature: 1)),
            options.Calibration.Description());
        return new MethodOutcome(method.Name(), MethodFamily.Cnn, description, probabilities, threshold, result.TrainSeconds, scoreSeconds)
        {
            IsCzsl = method == CzslMethod.Czsl,
            Calibration = calibration,
        };
    }
}
