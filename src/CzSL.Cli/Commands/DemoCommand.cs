using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Presets;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl demo</c>: the product's main job on the embedded default — simulate galaxies → autoencoder → amateur
/// pre-training → label transfer → expert fine-tuning → ONNX export (+ model card) → ML.NET chain on the test set →
/// classical baselines → report. <c>--quick</c> is the CI smoke run.
/// </summary>
public static class DemoCommand
{
    /// <summary>Default settings of the full demo (about 10 minutes on 2 cores).</summary>
    public static readonly ExperimentSettings Full = new()
    {
        Recipe = new RecipeOptions { Preset = Preset.Small, ImageSize = 32, Epochs = new StageEpochs(6, 5, 15) },
        Repeats = 3,
    };

    /// <summary>Settings of <c>--quick</c> (about 2 minutes on 2 cores).</summary>
    public static readonly ExperimentSettings Quick = new()
    {
        Recipe = new RecipeOptions { Preset = Preset.Small, ImageSize = 32, Epochs = new StageEpochs(3, 3, 8), Patience = null },
        Repeats = 2,
        Baselines = new BaselineSettings { PixelSize = 8, MaxAmateurRows = 600 },
    };

    /// <summary>Galaxies simulated by default (full, quick).</summary>
    public const int FullCount = 3000, QuickCount = 1200;

    /// <summary>Share of the simulated galaxies with an expert label (2/3 of them are held out for testing).</summary>
    public const double ExpertFraction = 0.15;

    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var quick = new Option<bool>("--quick") { Description = "Small, fast smoke run (CI): fewer galaxies, 2 repeats, few epochs." };
        var count = new Option<int?>("--count") { Description = $"Galaxies to simulate (default {FullCount:N0}; quick {QuickCount:N0})." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Use this dataset folder (manifest.csv + images) instead of simulating." };
        var output = CommonOptions.Out("runs/demo");
        var models = new Option<DirectoryInfo?>("--models")
        { Description = "Where the exported demo models (ONNX + model card) go (default OUT/models). They are trained on simulated galaxies: models/ holds the real ones (czsl release)." };
        var experiment = new ExperimentOptions();
        var command = new Command("demo", "Run the whole CzSL pipeline and its comparison on simulated galaxies (or --data) and write the report.")
        {
            quick, count, data, output, models,
        };
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var isQuick = parse.GetValue(quick);
            var settings = experiment.Read(parse, isQuick ? Quick : Full);
            var outDir = parse.GetValue(output)!.FullName;
            var modelsDir = parse.GetValue(models)?.FullName ?? Path.Combine(outDir, "models");
            using var locks = OutputLocks.Acquire(reporter, outDir, modelsDir);
            string folder, description;
            if (parse.GetValue(data) is { } given)
            {
                folder = given.FullName;
                description = $"dataset {folder}";
            }
            else
            {
                folder = Path.Combine(outDir, "data");
                var options = new SimulationOptions
                {
                    Count = parse.GetValue(count) ?? (isQuick ? QuickCount : FullCount),
                    Size = settings.Recipe.ImageSize,
                    ExpertFraction = ExpertFraction,
                    Seed = (ulong)settings.Seed,
                };
                var summary = await SimulateCommand.Run(reporter, options, folder, cancel);
                SimulateCommand.Describe(reporter, summary);
                description = $"simulated galaxies: {options.Count:N0} at {options.Size}×{options.Size} px, seed {options.Seed}, " +
                              $"expert labels on {options.ExpertFraction:P0} (2/3 of them held out for testing, so L ≈ 5% of all)";
            }
            var manifest = DatasetManifest.Load(folder);
            var splits = ExperimentSplits.Holdout(manifest.Records, settings.Repeats, settings.TestFraction, (ulong)settings.Seed);
            await ComparisonCommand.Run(reporter, settings, manifest, splits, outDir, modelsDir, description,
                parse.GetValue(experiment.Device)!, parse.GetValue(experiment.Threads), cancel);
            reporter.Success($"models: {modelsDir}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
