using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Cli.Commands.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.Pipeline.Export;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary><c>czsl export</c>: a trained classifier (or autoencoder's encoder) → ONNX + model card, with the parity figure.</summary>
public static class ExportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        // Renamed from --model (which means a model card in predict and train --from); --model stays as an alias.
        var model = new Option<DirectoryInfo>("--run", "--model")
        {
            Description = "Training run folder with network.json + weights (from czsl train); --model is the old name, kept as an alias.",
            Required = true,
        };
        var scenario = CommonOptions.Scenario("Scenario of a classifier (its class names): es, erl, mg, or a task the --data folder's tasks.json declares.");
        var data = new Option<DirectoryInfo?>("--data") { Description = "Dataset folder whose tasks.json declares the --scenario task (needed only for a dataset's own task)." };
        var name = new Option<string>("--name") { Description = "File name stem of NAME.onnx / NAME.card.json.", DefaultValueFactory = _ => "czsl" };
        var output = CommonOptions.Out("models");
        var monteCarloOptions = new MonteCarloOptions();
        var command = new Command("export", "Export a trained network to ONNX with its model card; prove ONNX Runtime equals TorchSharp (max |Δ| ≤ 1e-4).")
        {
            model, scenario, data, name, output,
        };
        monteCarloOptions.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, () =>
        {
            TorchRuntime.Initialise(0, "cpu");
            var folder = parse.GetValue(model)!.FullName;
            var outDir = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, outDir);
            ExportedModel exported;
            var monteCarlo = monteCarloOptions.Read(parse);
            if (File.Exists(Path.Combine(folder, ModelFiles.ClassifierWeightsFileName)))
            {
                using var classifier = ModelFiles.LoadClassifier(folder);
                if (monteCarlo is not null) MonteCarloOptions.RequireDropout(classifier.Config.Dropout, $"the network in {folder} (preset {classifier.Config.Preset})");
                var run = TrainingRunRecord.Read(folder);
                var declared = parse.GetValue(data) is { } dataset ? TaskFile.Read(DataInputs.Folder(dataset, "--data")) : [];
                var task = CommonOptions.Resolve(parse.GetValue(scenario), declared);
                exported = ModelPackage.ExportClassifier(classifier, outDir, parse.GetValue(name)!, task,
                    run?.TrainingData ?? new Dictionary<string, long>(), run?.Metrics ?? new Dictionary<string, double>(),
                    about: ExportAbout.Of(task, run), trainingPrior: run?.TrainingPrior, decisionThreshold: run?.DecisionThreshold, monteCarlo: monteCarlo);
            }
            else if (monteCarlo is not null)
                throw new ArgumentException($"--mc-dropout: {folder} holds an autoencoder; MC-dropout applies to classifiers.");
            else
            {
                using var autoencoder = ModelFiles.LoadAutoencoder(folder);
                exported = ModelPackage.ExportEncoder(autoencoder, outDir, parse.GetValue(name)!, new Dictionary<string, long>(),
                    about: ExportAbout.Of(null, null));
            }
            foreach (var o in exported.Parity.Outputs)
                reporter.Info($"parity {o.Output}: max |Δ| {o.MaxAbsDifference:E2}, mean |Δ| {o.MeanAbsDifference:E2} over {o.Count:N0} values");
            if (exported.Card.MonteCarloDropout is { } mc)
                reporter.Info($"MC-dropout: {mc.Samples} fixed masks (seed {mc.Seed}); predict writes the epistemic column (mutual information, nats)");
            if (exported.Card.TrainingData.Count == 0)
                reporter.Warn($"{folder} has no {TrainingRunRecord.FileName} (trained before runs recorded it): the card's training data and metrics are empty.");
            reporter.Success($"wrote {exported.CardPath} (+ {exported.Card.OnnxFile}); ONNX Runtime vs TorchSharp max |Δ| {exported.Parity.MaxAbsDifference:E2} ≤ {ModelPackage.Tolerance:G}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
