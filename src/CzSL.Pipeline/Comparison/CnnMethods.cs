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
/// 0.5), never the test set.
/// </summary>
public sealed class CnnMethods(CzslRecipe recipe, ImageStore store)
{
    /// <summary>Runs every method; returns their outcomes and the trained CzSL network (the caller disposes it).</summary>
    public (IReadOnlyList<MethodOutcome> Outcomes, CzslClassifier Czsl) Run(ScenarioData data)
    {
        var recipeData = data.ForRecipe();
        var outcomes = new List<MethodOutcome>();
        CzslClassifier? czsl = null;
        try
        {
            foreach (var method in CzslMethods.All)
            {
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
        return (outcomes, czsl!);
    }

    private MethodOutcome Score(CzslMethod method, RecipeResult result, ScenarioData data)
    {
        var clock = Stopwatch.StartNew();
        var probabilities = ClassifierStage.Predict(result.Model, store, data.Test.Indices);
        var scoreSeconds = clock.Elapsed.TotalSeconds;
        double? threshold = null;
        if (data.Scenario == Scenario.MG)
        {
            var scores = ClassifierStage.Predict(result.Model, store, data.Expert.Indices).Select(p => (double)p[1]).ToArray();
            threshold = ThresholdSelection.Choose(recipe.Options.Preset.MgThreshold, data.Expert.Labels, scores);
        }
        var options = recipe.Options;
        var description = method == CzslMethod.Czsl
            ? $"autoencoder → amateur ({options.AmateurPolicy.Name}) → transfer ({options.Transfer.Name}) → expert"
            : method.Description();
        return new MethodOutcome(method.Name(), MethodFamily.Cnn, description, probabilities, threshold, result.TrainSeconds, scoreSeconds)
        {
            IsCzsl = method == CzslMethod.Czsl,
        };
    }
}
