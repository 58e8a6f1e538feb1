using System.CommandLine;
using CzSL.Cli.Commands.Data;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Pipeline;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Release;
using CzSL.Pipeline.Recipe;
using CzSL.Training;
using CzSL.Training.Presets;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl release</c>: trains the models that ship — on a dataset folder (<c>--data</c>), or on real images joined with
/// their volunteer labels and the paper's expert labels (<c>--images --labels --tables</c>) — cross-validates them over
/// the expert labels and writes ONNX + model cards + <c>release.md</c>.
/// </summary>
public static class ReleaseCommand
{
    /// <summary>The release's defaults: our small network at 64 px.</summary>
    public static readonly ExperimentSettings Defaults = new()
    {
        Recipe = new RecipeOptions { Preset = Preset.Small, ImageSize = 64, Epochs = new StageEpochs(8, 8, 20) },
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var dataset = new DatasetOptions();
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds over the expert-labelled galaxies.", DefaultValueFactory = _ => 5 };
        var output = CommonOptions.Out("models");
        var work = new Option<DirectoryInfo>("--work") { Description = "Work folder (joined manifest, image cache, stage outputs).", DefaultValueFactory = _ => new DirectoryInfo("runs/release") };
        var experiment = new ExperimentOptions();
        var monteCarlo = new MonteCarloOptions();
        var command = new Command("release",
            "Train the models that ship (autoencoder on every image → amateur → transfer → expert), cross-validate them over the expert labels, export ONNX + cards.")
        {
            folds, output, work,
        };
        dataset.AddTo(command);
        experiment.AddTo(command);
        monteCarlo.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var mc = monteCarlo.Read(parse);
            var workDir = parse.GetValue(work)!.FullName;
            var outDir = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, workDir, outDir);
            var (folder, dataDescription) = await dataset.Resolve(reporter, parse, workDir);
            var runtime = TorchRuntime.Initialise(parse.GetValue(experiment.Threads), parse.GetValue(experiment.Device)!);
            var manifest = DatasetManifest.Load(folder);
            var settings = experiment.Read(parse, Defaults, manifest.Tasks);
            var options = new ReleaseOptions
            {
                Recipe = settings.Recipe.ResolvedFor(manifest), Scenarios = settings.Scenarios, Folds = parse.GetValue(folds), Seed = settings.Seed, DataDescription = dataDescription,
                MonteCarlo = mc,
            };
            reporter.Info($"TorchSharp on {runtime.Device.type} with {runtime.Threads} threads; preset {options.Recipe.Preset.Name}, " +
                          $"images {options.Recipe.Preprocessing}, {options.Folds}-fold cross-validation, {manifest.Records.Count:N0} images");
            var log = new List<string>();
            var released = await reporter.Step("Release: cross-validation and final models", progress =>
                new ModelRelease(options, new SynchronousProgress<ExperimentProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, p.Status))),
                    line => { lock (log) log.Add(line); }).Run(manifest, outDir, Path.Combine(workDir, "stages"), cancel));
            foreach (var line in log) reporter.Info(line);
            reporter.Success($"released {released.Count} model(s) into {outDir} (summary: {Path.Combine(outDir, ReleaseReport.FileName)})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
