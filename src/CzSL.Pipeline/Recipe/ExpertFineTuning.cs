using System.Diagnostics;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// CzSL stage 4: the CNN learns from the scarce expert labels — plus the transferred amateur labels when the transfer
/// is on. It continues from the amateur-pre-trained network, or starts from the encoder or from random weights.
/// </summary>
public static class ExpertFineTuning
{
    /// <summary>The stage folder of a variant (CzSL's own: <c>expert-es</c>; a named data split adds its name, e.g. <c>expert-es-fold2</c>).</summary>
    public static string Folder(RecipeData data, CzslMethod variant)
    {
        var suffix = string.Join("-", new[] { variant == CzslMethod.Czsl ? null : variant.Name(), data.Part }.Where(s => s is not null));
        return RecipeStageNames.Folder(RecipeStage.ExpertFineTuning, data.Scenario, suffix.Length == 0 ? null : suffix);
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place (a pre-trained network) or a new network from <paramref name="encoder"/>
    /// / random weights when <paramref name="model"/> is null, on L ∪ <paramref name="transferred"/> (or L alone), fits
    /// its temperature on the expert labels <see cref="RecipeOptions.Calibration"/> names (<see cref="ClassifierStage.Calibrate"/>)
    /// and saves it into the variant's stage folder.
    /// </summary>
    public static StageOutcome<CzslClassifier> Train(RecipeOptions options, RecipeContext context, RecipeData data, CzslMethod variant,
        CzslClassifier? model, Encoder? encoder, LabelledSet? transferred, RecipeSeeds seeds)
    {
        var clock = Stopwatch.StartNew();
        const RecipeStage stage = RecipeStage.ExpertFineTuning;
        var folder = context.StageFolder(Folder(data, variant));
        var expert = model is null ? data.ExpertAlone ?? data.Expert : data.Expert;
        var (train, validation) = transferred is null
            ? context.Validation.Labelled(expert, stage, seeds.Split(stage))
            : context.Validation.FineTuning(expert, transferred, seeds.Split(stage));
        RecipeTargets.RequireTraining(train, $"expert training ({data.Scenario}, {variant.Name()})");
        // The transferred set is amateur-sized: it trains for the amateur stage's epochs.
        var epochs = transferred is null ? options.Epochs.Expert : options.Epochs.Amateur;
        var settings = options.ClassifierStage(data.Scenario, epochs, seeds.Training(stage), RecipeContext.CurvePath(folder),
            fineTuning: model is not null || encoder is not null);
        // The transferred amateur set carries the pool's class balance: weight it to the expert set's.
        if (transferred is not null) settings = ExpertPrior.Apply(settings, options, train, data.Expert, data.ClassCount);
        settings = settings with { Training = context.Hooked(settings.Training, folder) };
        var trainTargets = RecipeTargets.Of(train, data.ClassCount);
        var validationTargets = RecipeTargets.Of(validation, data.ClassCount);
        CzslClassifier trained;
        Training.Loop.TrainingResult history;
        if (model is null)
        {
            var result = ClassifierStage.Train(context.Store, train.Indices, trainTargets, validation.Indices, validationTargets,
                options.Network(data.ClassCount), settings, encoder);
            (trained, history) = (result.Model, result.Training);
        }
        else
        {
            history = ClassifierStage.Continue(model, context.Store, train.Indices, trainTargets, validation.Indices, validationTargets, settings);
            trained = model;
        }
        var calibration = options.Calibration switch
        {
            CalibrationSet.ExpertLabels => expert,
            CalibrationSet.Validation => validation,
            _ => null,
        };
        // No set (or an empty one): the network stays uncalibrated, T = 1.
        if (calibration is { Count: > 0 }) ClassifierStage.Calibrate(trained, context.Store, calibration.Indices, calibration.Targets);
        else trained.Temperature = 1;
        ModelFiles.Save(folder, trained, trained.Config);
        Export.TrainingRunRecord.Of(data.Scenario, stage.ToString(), history, train.Count, validation.Count, settings.Metric.ToString().ToLowerInvariant()).Write(folder);
        context.StageTrained?.Invoke(new StageTrainingReport(stage, variant, history, train.Count, validation.Count));
        return new(trained, history, train.Count, validation.Count, clock.Elapsed.TotalSeconds);
    }
}
