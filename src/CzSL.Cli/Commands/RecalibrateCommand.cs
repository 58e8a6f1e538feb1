using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Calibration;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl recalibrate</c>: refits a released model's temperature on a user's own expert-labelled galaxies (weights
/// unchanged) and writes a run folder for <c>czsl export</c>, with in-sample and 2-fold cross-fitted NLL and ECE.
/// Named <c>recalibrate</c>, not <c>calibrate</c>: <c>czsl data calibration</c> compares volunteer votes with expert
/// labels, a different thing, and this verb re-fits the temperature a model already has.
/// </summary>
public static class RecalibrateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var from = new Option<FileInfo>("--from")
        {
            Description = "The released model's card (models/NAME.card.json); its TorchSharp weights (NAME.torch/) are read, not changed.",
            Required = true,
        };
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv + images) with expert labels of the task.", Required = true };
        var scenario = CommonOptions.Scenario();
        var output = CommonOptions.Out("runs/recalibrate");
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var command = new Command("recalibrate",
            $"Refit a released model's temperature (its weights unchanged) on your own expert-labelled galaxies (≥ {TemperatureRefit.MinimumGalaxies}, " +
            "two classes or more); writes a run folder for czsl export and reports NLL and ECE before/after, in-sample and 2-fold cross-fitted.")
        {
            from, data, scenario, output, seed, threads,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var card = parse.GetValue(from)!;
            var network = TrainCommand.ReleasedNetwork(card);
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var task = CommonOptions.Resolve(parse.GetValue(scenario), manifest.Tasks);
            var outDir = parse.GetValue(output)!.FullName;
            TorchRuntime.Initialise(parse.GetValue(threads), "cpu");
            using var locks = OutputLocks.Acquire(reporter, outDir);
            var result = await reporter.Step($"refitting the temperature of {card.Name} on the expert {task} labels", progress =>
                ModelRecalibration.Run(card.FullName, network, manifest, task, outDir, (ulong)parse.GetValue(seed),
                    new SynchronousProgress<(int Done, int Total)>(p => progress.Report(new StepProgress(p.Done, p.Total, $"decoding {p.Done:N0}/{p.Total:N0}"))),
                    cancel));
            Describe(reporter, result, task.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Describe(IReporter reporter, RecalibratedModel result, string task)
    {
        var r = result.Refit;
        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        IReadOnlyList<string> Row(string estimate, string t, CalibrationScore s) => [estimate, t, F(s.NegativeLogLikelihood), F(s.ExpectedCalibrationError)];
        reporter.Table($"Temperature refit: {task}, {r.Count} expert-labelled galaxies", ["estimate", "T", "NLL", "ECE"],
        [
            Row("in-sample, model's T", F(r.ModelTemperature), r.Before),
            Row("in-sample, refitted T (optimistic)", F(r.Temperature), r.After),
            Row("cross-fitted, model's T", F(r.ModelTemperature), r.CrossFittedBefore),
            Row("cross-fitted, T of the other half", string.Join(" / ", r.HalfTemperatures.Select(F)), r.CrossFittedAfter),
        ]);
        if (r.AtBound)
            reporter.Warn($"the fit reached T = {r.FittedTemperature:G3}, a bound of the search ({TemperatureScaling.MinTemperature}–{TemperatureScaling.MaxTemperature}): " +
                          "the NLL has no minimum inside it (e.g. the network separates these galaxies perfectly), so the model's T was kept.");
        if (result.Source.DecisionThreshold is { } before && result.Record.DecisionThreshold is { } after)
            reporter.Info($"decision threshold moved {before:0.####} → {after:0.####} so that it takes the same decisions at the new T");
        reporter.Success($"T {F(r.ModelTemperature)} → {F(r.Temperature)}; cross-fitted ECE {F(r.CrossFittedBefore.ExpectedCalibrationError)} → " +
                         $"{F(r.CrossFittedAfter.ExpectedCalibrationError)}; run folder {result.Folder} (czsl export --run {result.Folder} --scenario {result.Record.Task} turns it into ONNX + card)");
    }
}
