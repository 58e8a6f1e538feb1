using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data;
using CzSL.DataPrep.Simulation;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Export;
using CzSL.Pipeline;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary><c>czsl benchmark training|inference</c>: speed and memory figures (printed, never asserted by tests).</summary>
public static class BenchmarkCommand
{
    /// <summary>Builds the verb and its two sub-verbs.</summary>
    public static Command Create(IReporter reporter) => new("benchmark", "Measure training and inference speed (images/s) and memory.")
    {
        Training(reporter), Inference(reporter),
    };

    private static Command Training(IReporter reporter)
    {
        var presets = CommonOptions.ParsedList("--presets", $"Presets to measure: {string.Join(", ", Preset.All.Select(p => p.Name))}.", Preset.Parse,
            [Preset.Paper, Preset.Small, Preset.Default]);
        var size = new Option<int>("--size") { Description = "Image size in pixels.", DefaultValueFactory = _ => 64 };
        var images = new Option<int>("--images") { Description = "Images per epoch.", DefaultValueFactory = _ => 1024 };
        var batches = new Option<int[]>("--batch") { Description = "Batch sizes.", DefaultValueFactory = _ => [32, 64], AllowMultipleArgumentsPerToken = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per measurement (the first is a warm-up).", DefaultValueFactory = _ => 3 };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var command = new Command("training", "Training images/s per stage (autoencoder, classifier), inference images/s and peak RSS.")
        {
            presets, size, images, batches, epochs, threads, device,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var runtime = TorchRuntime.Initialise(parse.GetValue(threads), parse.GetValue(device)!);
            var n = parse.GetValue(images);
            var store = await SimulatedStore(reporter, n, parse.GetValue(size), cancel);
            var indices = Enumerable.Range(0, n).ToArray();
            var rows = new List<IReadOnlyList<string>>();
            foreach (var preset in parse.GetValue(presets)!)
            foreach (var batch in parse.GetValue(batches)!)
            {
                var r = await reporter.Step($"{preset.Name}, batch {batch}", _ =>
                    TrainingBenchmark.Run(store, indices, preset, parse.GetValue(size), batch, parse.GetValue(epochs)));
                rows.Add([preset.Name, batch.ToString(CultureInfo.InvariantCulture), F(r.AutoencoderTrainImagesPerSecond), F(r.ClassifierTrainImagesPerSecond),
                    F(r.InferenceImagesPerSecond), $"{r.PeakResidentBytes / (1024.0 * 1024):N0} MiB"]);
            }
            reporter.Table($"Training speed, {parse.GetValue(size)}×{parse.GetValue(size)} px, {runtime.Threads} threads on {runtime.Device.type} " +
                           $"({Environment.ProcessorCount} logical cores)",
                ["preset", "batch", "autoencoder train img/s", "classifier train img/s", "inference img/s", "peak RSS"], rows);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Inference(IReporter reporter)
    {
        var preset = CommonOptions.Preset(Preset.Small);
        var size = new Option<int>("--size") { Description = "Image size in pixels.", DefaultValueFactory = _ => 64 };
        var images = new Option<int>("--images") { Description = "Images to score.", DefaultValueFactory = _ => 256 };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var command = new Command("inference",
            "The same network through TorchSharp eager, raw ONNX Runtime (batch 1 and 64) and the ML.NET chain; image decoding's share.")
        {
            preset, size, images, device, threads,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            TorchRuntime.Initialise(parse.GetValue(threads), "cpu");
            var n = parse.GetValue(images);
            var px = parse.GetValue(size);
            var folder = Directory.CreateTempSubdirectory("czsl-bench-").FullName;
            try
            {
                var store = await SimulatedStore(reporter, n, px, cancel, folder);
                var manifest = DatasetManifest.Load(folder);
                using var model = new CzslClassifier(parse.GetValue(preset)!.Network(2, px));
                var card = ModelPackage.ExportClassifier(model, Path.Combine(folder, "model"), "bench", Scenario.ES,
                    new Dictionary<string, long>(), new Dictionary<string, double>()).CardPath;
                var indices = Enumerable.Range(0, n).ToArray();
                var torch1 = Rate(n, () => ClassifierStage.Predict(model, store, indices, batchSize: 1));
                var torch64 = Rate(n, () => ClassifierStage.Predict(model, store, indices, batchSize: 64));
                var scoring = OnnxExecutionProvider.ParseDevice(parse.GetValue(device)!);
                var r = await reporter.Step("ONNX Runtime and ML.NET", _ =>
                    new InferenceBenchmark(card, manifest.Records.Select(manifest.ImagePath).ToList(), scoring).Run(cancellation: cancel));
                reporter.Table($"Inference, {parse.GetValue(preset)!.Name} preset, {px}×{px} px, {n} images; ONNX Runtime provider: {r.Provider}",
                    ["route", "images/s"],
                    [
                        ["TorchSharp eager, batch 1 (decoded tensors)", F(torch1)],
                        ["TorchSharp eager, batch 64 (decoded tensors)", F(torch64)],
                        ["ONNX Runtime, batch 1 (decoded)", F(r.OrtBatch1)],
                        ["ONNX Runtime, batch 64 (decoded)", F(r.OrtBatch64)],
                        ["image decoding alone", F(r.Decode)],
                        ["decode + ONNX Runtime batch 64 (czsl predict)", F(r.OrtEndToEnd)],
                        ["ML.NET chain, PredictionEngine (batch 1)", F(r.MlNetPredictionEngine)],
                        ["ML.NET chain, IDataView (bulk)", F(r.MlNetDataView)],
                    ]);
                reporter.Info($"decoding's share of the end-to-end time: {r.DecodeShare:P0}; ML.NET chain (IDataView) cost over decode + raw ONNX Runtime: " +
                              $"{r.OrtEndToEnd / r.MlNetDataView:F2}×");
                return ExitCodes.Success;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }));
        return command;
    }

    private static async Task<ImageStore> SimulatedStore(IReporter reporter, int count, int size, CancellationToken cancel, string? folder = null)
    {
        var target = folder ?? Directory.CreateTempSubdirectory("czsl-bench-").FullName;
        try
        {
            await SimulateCommand.Run(reporter, new SimulationOptions { Count = count, Size = size, Seed = 7 }, target, cancel);
            return ImageStore.Decode(DatasetManifest.Load(target), size, cancellation: cancel);
        }
        finally
        {
            if (folder is null) Directory.Delete(target, recursive: true);
        }
    }

    private static double Rate(int images, Action work)
    {
        work(); // warm-up
        var clock = Stopwatch.StartNew();
        work();
        return images / clock.Elapsed.TotalSeconds;
    }

    private static string F(double imagesPerSecond) => imagesPerSecond.ToString("N0", CultureInfo.InvariantCulture);
}
