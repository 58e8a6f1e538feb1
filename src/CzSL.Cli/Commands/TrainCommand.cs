using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Transfer;
using CzSL.Pipeline;
using CzSL.Pipeline.Methods;
using CzSL.Training;
using CzSL.Training.Loop;
using CzSL.Training.Modules;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl train autoencoder|amateur|expert|czsl</c>: the CzSL stages one at a time (each reusable from code through
/// <see cref="StageTraining"/>), or all three in order.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the verb and its sub-verbs.</summary>
    public static Command Create(IReporter reporter) => new("train", "Train the CzSL stages: autoencoder → amateur → expert, or all of them (czsl).")
    {
        Stage(reporter, "autoencoder", "Stage 1: convolutional autoencoder on every image except the test split (labels ignored).", Autoencoder),
        Stage(reporter, "amateur", "Stage 2: CNN initialised from the autoencoder's encoder, trained on amateur labels.", Amateur),
        Stage(reporter, "expert", "Stages 3–4: label transfer, then fine-tuning on the expert labels (+ transferred amateur labels).", Expert),
        Stage(reporter, "czsl", "All stages in order: autoencoder → amateur → transfer → expert.", All),
    };

    private sealed record StageContext(IReporter Reporter, StageTraining Training, Scenario Scenario, ExperimentSettings Settings, bool NoAutoencoder);

    private static Command Stage(IReporter reporter, string name, string description, Func<StageContext, Task> body)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv + images).", Required = true };
        var scenario = new Option<string>("--scenario") { Description = "es, erl or mg.", DefaultValueFactory = _ => "es" };
        var resume = new Option<bool>("--resume") { Description = "Continue a killed run from its last checkpoint (identical results)." };
        var noAutoencoder = new Option<bool>("--no-autoencoder") { Description = "amateur: start from random weights instead of the autoencoder's encoder." };
        var output = CommonOptions.Out("runs/train");
        var experiment = new ExperimentOptions();
        var command = new Command(name, description) { data, scenario, resume, noAutoencoder, output };
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, async () =>
        {
            var settings = experiment.Read(parse, new ExperimentSettings());
            TorchRuntime.Initialise(parse.GetValue(experiment.Threads), parse.GetValue(experiment.Device)!);
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var progress = new SynchronousEpochProgress(reporter);
            var training = new StageTraining(manifest, settings, parse.GetValue(output)!.FullName, progress, parse.GetValue(resume));
            var s = Enum.TryParse<Scenario>(parse.GetValue(scenario), true, out var parsed)
                ? parsed : throw new ArgumentException($"Unknown scenario '{parse.GetValue(scenario)}': expected es, erl or mg.");
            await body(new StageContext(reporter, training, s, settings, parse.GetValue(noAutoencoder)));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task Autoencoder(StageContext c) => c.Reporter.Step("autoencoder", _ =>
    {
        using var model = c.Training.Autoencoder();
        c.Reporter.Success($"autoencoder saved to {c.Training.StageFolder("autoencoder")}");
        return 0;
    });

    private static Task Amateur(StageContext c) => c.Reporter.Step($"amateur pre-training ({c.Scenario})", _ =>
    {
        using var autoencoder = c.NoAutoencoder ? null : ModelFiles.LoadAutoencoder(c.Training.StageFolder("autoencoder"));
        using var model = c.Training.Amateur(c.Scenario, autoencoder);
        c.Reporter.Success($"amateur model saved to {c.Training.StageFolder($"amateur-{c.Scenario.ToString().ToLowerInvariant()}")}");
        return 0;
    });

    private static Task Expert(StageContext c) => c.Reporter.Step($"label transfer + expert fine-tuning ({c.Scenario})", _ =>
    {
        using var model = ModelFiles.LoadClassifier(c.Training.StageFolder($"amateur-{c.Scenario.ToString().ToLowerInvariant()}"));
        Describe(c, c.Training.Expert(c.Scenario, model, Transfer(c)));
        return 0;
    });

    private static Task All(StageContext c) => c.Reporter.Step($"CzSL ({c.Scenario}): autoencoder → amateur → transfer → expert", _ =>
    {
        using var autoencoder = c.Training.Autoencoder();
        using var model = c.Training.Amateur(c.Scenario, autoencoder);
        Describe(c, c.Training.Expert(c.Scenario, model, Transfer(c)));
        return 0;
    });

    private static CzSL.Pipeline.Transfer.ILabelTransfer? Transfer(StageContext c) =>
        c.Settings.Transfer == "none" ? null : TransferMethods.Create(c.Settings.Transfer).Create((ulong)c.Settings.Seed);

    private static void Describe(StageContext c, ClassificationReport report)
    {
        var data = c.Training.Data(c.Scenario);
        c.Reporter.Info($"{c.Scenario}: L = {data.Expert.Count} expert, A = {data.Amateur.Count} amateur, test = {data.Test.Count}");
        c.Reporter.Success($"test accuracy {report.Accuracy:F3}, macro-F1 {report.MacroF1:F3}" +
                           (report.Binary is { } b ? $", G-mean {b.GMean:F3}, AUC {b.RocAuc:F3}" : "") +
                           $"; model saved to {c.Training.StageFolder($"expert-{c.Scenario.ToString().ToLowerInvariant()}")}");
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
