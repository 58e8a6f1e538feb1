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
        var data = new Option<DirectoryInfo?>("--data") { Description = "A dataset folder (manifest.csv + images) to release models of." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "Or: a folder of real images named <objid>.jpeg (joined with --labels and --tables)." };
        var labels = new Option<FileInfo?>("--labels") { Description = "labels.csv (objid,gz1_class,gz1_class_name,image): each image's GZ1 consensus class." };
        var tables = new Option<DirectoryInfo?>("--tables") { Description = "The paper's tables: real votes and expert labels by OBJID." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds over the expert-labelled galaxies.", DefaultValueFactory = _ => 5 };
        var description = new Option<string?>("--data-description")
        { Description = "One line naming the data for the cards (survey, framing, label sources); required with --data." };
        var output = CommonOptions.Out("models");
        var work = new Option<DirectoryInfo>("--work") { Description = "Work folder (joined manifest, image cache, stage outputs).", DefaultValueFactory = _ => new DirectoryInfo("runs/release") };
        var experiment = new ExperimentOptions();
        var command = new Command("release",
            "Train the models that ship (autoencoder on every image → amateur → transfer → expert), cross-validate them over the expert labels, export ONNX + cards.")
        {
            data, images, labels, tables, folds, description, output, work,
        };
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var workDir = parse.GetValue(work)!.FullName;
            var outDir = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, workDir, outDir);
            var (folder, dataDescription) = await Dataset(reporter, parse, data, images, labels, tables, description, workDir);
            var runtime = TorchRuntime.Initialise(parse.GetValue(experiment.Threads), parse.GetValue(experiment.Device)!);
            var manifest = DatasetManifest.Load(folder);
            var settings = experiment.Read(parse, Defaults, manifest.Tasks);
            var options = new ReleaseOptions
            {
                Recipe = settings.Recipe.ResolvedFor(manifest), Scenarios = settings.Scenarios, Folds = parse.GetValue(folds), Seed = settings.Seed, DataDescription = dataDescription,
            };
            reporter.Info($"TorchSharp on {runtime.Device.type} with {runtime.Threads} threads; preset {options.Recipe.Preset.Name}, " +
                          $"images {options.Recipe.Preprocessing}, {options.Folds}-fold cross-validation, {manifest.Records.Count:N0} images");
            var log = new List<string>();
            var released = await reporter.Step("Release: cross-validation and final models", progress =>
                new ModelRelease(options, new Progress<ExperimentProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, p.Status))),
                    line => { lock (log) log.Add(line); }).Run(manifest, outDir, Path.Combine(workDir, "stages"), cancel));
            foreach (var line in log) reporter.Info(line);
            reporter.Success($"released {released.Count} model(s) into {outDir} (summary: {Path.Combine(outDir, ReleaseReport.FileName)})");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The dataset of the options: a folder (--data, with --data-description), or real images joined with labels and tables.</summary>
    internal static async Task<(string Folder, string Description)> Dataset(IReporter reporter, ParseResult parse, Option<DirectoryInfo?> data,
        Option<DirectoryInfo?> images, Option<FileInfo?> labels, Option<DirectoryInfo?> tables, Option<string?> description, string workDir)
    {
        if (parse.GetValue(data) is { } given)
        {
            var text = parse.GetValue(description)
                ?? throw new ArgumentException("--data-description: say what the data is (survey, image framing, label sources); it goes into every card.");
            return (DataInputs.Folder(given, "--data"), text);
        }
        if (parse.GetValue(images) is null || parse.GetValue(labels) is null || parse.GetValue(tables) is null)
            throw new ArgumentException("Give --data DIR, or --images, --labels and --tables to join real images with their labels.");
        var options = new ImageJoinOptions(
            DataInputs.Folder(parse.GetValue(images), "--images"), Path.Combine(workDir, "data"),
            DataInputs.File(parse.GetValue(labels)!, "--labels"), DataInputs.Folder(parse.GetValue(tables), "--tables"), VerifyChecksums: true);
        var joined = await reporter.Step("Joining images with labels and tables", _ => ImageJoin.Run(options));
        JoinCommand.Describe(reporter, joined.Summary, options);
        return (options.OutputDirectory, parse.GetValue(description) ??
            $"Real SDSS DR7 gri colour cutouts (423×423 px JPEG, Galaxy Zoo 1 framing: galaxy centred, cutout scaled to its size), " +
            $"{joined.Summary.Images:N0} images; Galaxy Zoo 1 volunteer labels (consensus class for {joined.Summary.WithConsensus:N0}, vote counts for " +
            $"{joined.Summary.WithVotes:N0}); the CzSL paper's expert labels ({joined.Summary.WithExpertES:N0} ES/ERL, {joined.Summary.WithExpertMG:N0} MG)");
    }
}
