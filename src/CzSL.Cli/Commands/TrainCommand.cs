using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Release;
using CzSL.Training.Modules;
using CzSL.Training.Loop;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl train autoencoder|amateur|expert|czsl</c>: the recipe's stages one at a time (each reusable from code through
/// <see cref="StagewiseTraining"/>), or all of them; <c>--method</c> picks an ablation instead of CzSL itself.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the verb and its sub-verbs.</summary>
    public static Command Create(IReporter reporter) => new("train", "Train the CzSL stages: autoencoder → amateur → transfer + expert, or all of them (czsl).")
    {
        Stage(reporter, "autoencoder", "Stage 1: convolutional autoencoder on every image except the test split (labels ignored).", Autoencoder),
        Stage(reporter, "amateur", "Stage 2: CNN initialised from the autoencoder's encoder (or at random), trained on amateur labels.", Amateur),
        Stage(reporter, "expert", "Stages 3–4: label transfer, then training on the expert labels (+ transferred amateur labels).", Expert),
        Stage(reporter, "czsl", "Every stage of the method in order: autoencoder → amateur → transfer → expert.", All),
    };

    private sealed record StageContext(IReporter Reporter, StagewiseTraining Training, Scenario Scenario, CzslMethod Method, string? FromNetwork);

    private static Command Stage(IReporter reporter, string name, string description, Func<StageContext, Task> body)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv + images).", Required = true };
        var scenario = CommonOptions.Scenario();
        var method = CommonOptions.Method();
        var resume = new Option<bool>("--resume") { Description = "Continue a killed run from its last checkpoint (identical results)." };
        var output = CommonOptions.Out("runs/train");
        var experiment = new ExperimentOptions();
        var from = new Option<FileInfo?>("--from")
        {
            Description = "Start from a released model: its card (models/NAME.card.json); its TorchSharp weights (NAME.torch/) are fine-tuned on this dataset's expert labels.",
        };
        var command = new Command(name, description) { data, scenario, method, resume, output };
        if (name == "expert") command.Options.Add(from);
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var settings = experiment.Read(parse, new ExperimentSettings(), manifest.Tasks);
            var network = parse.GetValue(from) is { } card ? ReleasedNetwork(card) : null;
            // A released network fixes the input size and preprocessing; otherwise --downscale auto reads the images' size.
            RecipeOptions recipe;
            if (network is null) recipe = settings.Recipe.ResolvedFor(manifest);
            else
            {
                var p = ModelFiles.LoadConfig(network).Preprocessing;
                recipe = settings.Recipe with { ImageSize = p.Size, Downscale = p.Downscale, CentreCrop = p.CentreCrop, AutoDownscale = false };
            }
            TorchRuntime.Initialise(parse.GetValue(experiment.Threads), parse.GetValue(experiment.Device)!);
            using var locks = OutputLocks.Acquire(reporter, parse.GetValue(output)!.FullName);
            var progress = new SynchronousEpochProgress(reporter);
            var training = new StagewiseTraining(manifest, recipe, settings.TestFraction, settings.Seed, parse.GetValue(output)!.FullName,
                progress, parse.GetValue(resume));
            await body(new StageContext(reporter, training, CommonOptions.Resolve(parse.GetValue(scenario), manifest.Tasks), parse.GetValue(method), network));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task Autoencoder(StageContext c) => c.Reporter.Step("autoencoder", _ =>
    {
        c.Reporter.Success($"autoencoder saved to {c.Training.Autoencoder()}");
        return 0;
    });

    private static Task Amateur(StageContext c) => c.Reporter.Step($"amateur pre-training ({c.Scenario}, {c.Method.Name()})", _ =>
    {
        c.Reporter.Success($"amateur model saved to {c.Training.Amateur(c.Scenario, c.Method)}");
        return 0;
    });

    private static Task Expert(StageContext c) => c.FromNetwork is { } network
        ? c.Reporter.Step($"fine-tuning {network} on the expert labels ({c.Scenario})", _ =>
        {
            Describe(c, c.Training.FromModel(c.Scenario, network), c.Training.FromModelFolder(c.Scenario));
            return 0;
        })
        : c.Reporter.Step($"label transfer + expert training ({c.Scenario}, {c.Method.Name()})", _ =>
        {
            Describe(c, c.Training.Expert(c.Scenario, c.Method));
            return 0;
        });

    /// <summary>The TorchSharp network folder released beside <paramref name="card"/> (<c>NAME.torch/</c>), checked.</summary>
    internal static string ReleasedNetwork(FileInfo card)
    {
        if (!card.Exists) throw new ArgumentException($"--from: model card '{card.FullName}' does not exist.");
        var folder = ModelRelease.TorchFolder(card.FullName);
        if (!File.Exists(Path.Combine(folder, ModelFiles.ConfigFileName)) || !File.Exists(Path.Combine(folder, ModelFiles.ClassifierWeightsFileName)))
            throw new ArgumentException($"--from: {card.Name} has no TorchSharp weights beside it ({folder}/{ModelFiles.ConfigFileName} and " +
                                        $"{ModelFiles.ClassifierWeightsFileName}); models released by `czsl release` have them.");
        return folder;
    }

    private static Task All(StageContext c) => c.Reporter.Step($"{c.Method.Name()} ({c.Scenario}): {c.Method.Description()}", _ =>
    {
        Describe(c, c.Training.All(c.Scenario, c.Method));
        return 0;
    });

    private static void Describe(StageContext c, ClassificationReport report, string? folder = null)
    {
        var data = c.Training.Data(c.Scenario);
        c.Reporter.Info($"{c.Scenario}: L = {data.Expert.Count} expert, A = {data.Amateur.Count} amateur, test = {data.Test.Count}");
        c.Reporter.Success($"test accuracy {report.Accuracy:F3}, macro-F1 {report.MacroF1:F3}" +
                           (report.Binary is { } b ? $", G-mean {b.GMean:F3}, AUC of labels {b.LabelAuc:F3}, AUC of scores {b.ScoreAuc:F3}" : "") +
                           $"; model saved to {folder ?? c.Training.ModelFolder(c.Scenario, c.Method)}");
    }

    /// <summary>One line per epoch, in order (stages report on their own thread).</summary>
    private sealed class SynchronousEpochProgress(IReporter reporter) : IProgress<EpochReport>
    {
        public void Report(EpochReport e) => reporter.Info(
            $"{e.Stage} epoch {e.Epoch}/{e.Epochs}: loss {e.Record.TrainLoss:F4}" +
            (e.Record.ValLoss is { } v ? $", val loss {v:F4}" : "") + (e.Record.ValMetric is { } m ? $", val metric {m:F3}" : "") +
            $", {e.Record.ImagesPerSecond:N0} img/s, ETA {e.Eta:mm\\:ss}{(e.Improved ? " *" : "")}");
    }
}
