using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Pipeline;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Curve;
using CzSL.Pipeline.Recipe;
using CzSL.Training;
using CzSL.Training.Presets;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl learning-curve</c>: CzSL, the expert-only CNN, CzSL without the autoencoder, amateur-only (prior-adjusted)
/// and classical baselines against the number of expert labels, over repeats with 95% CIs.
/// </summary>
public static class LearningCurveCommand
{
    /// <summary>The curve's defaults: our small network at 32 px, 5 repeats.</summary>
    public static readonly ExperimentSettings Defaults = new()
    {
        Recipe = new RecipeOptions { Preset = Preset.Small, ImageSize = 32, Epochs = new StageEpochs(4, 3, 20) },
        Repeats = 5,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var dataset = new DatasetOptions();
        var sizes = CommonOptions.ParsedList("--sizes", "Expert-label counts of the curve (all: every training expert label).", ParseSize, [10, 20, 50, 100, 200, 0]);
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of the expert-labelled galaxies held out per repeat.", DefaultValueFactory = _ => 0.3 };
        var output = CommonOptions.Out("runs/learning-curve");
        var points = new Option<FileInfo[]>("--points")
        {
            Description = "Instead of training: summarise earlier runs' points.csv files (with the header.md beside each) into tables and figures.",
            AllowMultipleArgumentsPerToken = true,
        };
        var experiment = new ExperimentOptions();
        var command = new Command("learning-curve",
            "Accuracy (ES, ERL) and G-mean (MG) against the number of expert labels: CzSL, expert-only, no-autoencoder, amateur-only (prior-adjusted) and the best classical baseline, with 95% CIs.")
        {
            sizes, testFraction, output, points,
        };
        dataset.AddTo(command);
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var outDir = parse.GetValue(output)!.FullName;
            if (parse.GetValue(points) is { Length: > 0 } files) return Summarise(reporter, files, outDir);
            var fraction = parse.GetValue(testFraction);
            if (!(fraction > 0 && fraction < 1)) throw new ArgumentException($"--test-fraction: {fraction} is not in (0, 1).");
            using var locks = OutputLocks.Acquire(reporter, outDir);
            var (folder, dataDescription) = await dataset.Resolve(reporter, parse, Path.Combine(outDir, "work"));
            var runtime = TorchRuntime.Initialise(parse.GetValue(experiment.Threads), parse.GetValue(experiment.Device)!);
            var manifest = DatasetManifest.Load(folder);
            var settings = experiment.Read(parse, Defaults, manifest.Tasks);
            var options = new LearningCurveOptions
            {
                Recipe = settings.Recipe.ResolvedFor(manifest), Scenarios = settings.Scenarios, Sizes = parse.GetValue(sizes)!,
                Repeats = settings.Repeats, TestFraction = fraction, Seed = settings.Seed, Baselines = settings.Baselines.Trainers,
            };
            reporter.Info($"TorchSharp on {runtime.Device.type} with {runtime.Threads} threads; preset {options.Recipe.Preset.Name}, images {options.Recipe.Preprocessing}; " +
                          $"{options.Repeats} repeat(s), sizes {string.Join(", ", options.Sizes.Select(SizeName))}");
            var recipe = options.Recipe;
            string Header(string time) =>
                $"## Learning curve\n\n{dataDescription}.\n\n{options.Repeats} repeats; per repeat {options.TestFraction:P0} of the expert-labelled galaxies are " +
                $"held out (the same for every method and size) and each method learns from the first n of a stratified order of the rest. " +
                $"Preset {recipe.Preset.Name}, images {recipe.Preprocessing}, epochs autoencoder {recipe.Epochs.Autoencoder} / amateur {recipe.Epochs.Amateur} / " +
                $"expert {recipe.Epochs.Expert}, seed {options.Seed}; {time} on {runtime.Threads} threads. 95% CI: t over repeats.";
            Directory.CreateDirectory(outDir);
            CzSL.Data.AtomicFile.WriteAllText(Path.Combine(outDir, LearningCurveSummary.HeaderFile), Header("run time not recorded (the run did not finish)"));
            var log = new List<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var measured = await reporter.Step("Learning curve", progress =>
                new LearningCurve(options, new SynchronousProgress<ExperimentProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, p.Status))),
                    line => { lock (log) log.Add(line); },
                    sofar => LearningCurveSummary.WritePoints(sofar, Path.Combine(outDir, LearningCurveSummary.PointsFile))).Run(manifest, Path.Combine(outDir, "work"), cancel));
            foreach (var line in log) reporter.Info(line);
            var curves = LearningCurveSummary.Summarise(measured);
            LearningCurveSummary.WritePoints(measured, Path.Combine(outDir, LearningCurveSummary.PointsFile));
            var header = Header($"{clock.Elapsed.TotalMinutes:F0} min");
            CzSL.Data.AtomicFile.WriteAllText(Path.Combine(outDir, LearningCurveSummary.HeaderFile), header);
            LearningCurveSummary.Write(curves, header, outDir);
            foreach (var curve in curves)
                foreach (var gain in curve.Gain)
                    reporter.Info($"{curve.Scenario} with {gain.Labels} expert labels: CzSL − expert-only {LearningCurveSummary.Signed(gain.Difference)}");
            reporter.Success($"learning curve: {Path.Combine(outDir, LearningCurveSummary.MarkdownFile)} (+ {LearningCurveSummary.SummaryFile}, {LearningCurveSummary.PointsFile}, figures)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static int Summarise(IReporter reporter, FileInfo[] files, string outDir)
    {
        var measured = new List<CurvePoint>();
        var headers = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists) throw new ArgumentException($"--points: '{file.FullName}' does not exist.");
            measured.AddRange(LearningCurveSummary.ReadPoints(file.FullName));
            var header = Path.Combine(file.DirectoryName!, LearningCurveSummary.HeaderFile);
            headers.Add(File.Exists(header) ? File.ReadAllText(header).Trim() : $"## Learning curve\n\nPoints from {file.FullName}.");
        }
        Directory.CreateDirectory(outDir);
        LearningCurveSummary.WritePoints(measured, Path.Combine(outDir, LearningCurveSummary.PointsFile));
        LearningCurveSummary.Write(LearningCurveSummary.Summarise(measured), string.Join("\n\n", headers.Distinct()), outDir);
        reporter.Success($"learning curve: {Path.Combine(outDir, LearningCurveSummary.MarkdownFile)} from {measured.Count:N0} points");
        return ExitCodes.Success;
    }

    private static string SizeName(int size) => size == 0 ? "all" : size.ToString(CultureInfo.InvariantCulture);

    private static int ParseSize(string text)
    {
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase)) return 0;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new ArgumentException($"'{text}' is not a positive whole number or all.");
    }
}
