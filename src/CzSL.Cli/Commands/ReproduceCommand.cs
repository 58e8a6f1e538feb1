using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Paper.Units;
using CzSL.Pipeline.Transfer;
using CzSL.Pipeline;
using CzSL.Training.Presets;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl reproduce</c>: the CzSL paper's protocol on the paper's own folds (its label tables plus whichever galaxies
/// have images), with the reference code's baselines; writes the report and reproduction.md.
/// </summary>
public static class ReproduceCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var scenario = CommonOptions.Parsed<Scenario?>("--scenario", "Scenario: es, erl or mg (with --plan: optional, all five of the paper's protocols when absent).",
            s => ScenarioNames.Parse(s), null);
        var sampling = CommonOptions.Parsed("--sampling", "MG only: resampling of the training sets (none, ros, rus).", ParseSampling, PaperSampling.None);
        var tables = new Option<DirectoryInfo>("--tables") { Description = "Folder of the paper's tables (GZ1_Expert-*_test_k.csv + SHA256SUMS)." };
        var images = new Option<DirectoryInfo>("--images") { Description = "Folder of images named <objid>.jpeg|.jpg|.png." };
        var labels = new Option<FileInfo?>("--labels") { Description = "Optional GZ1 labels.csv (objid,gz1_class,gz1_class_name,image), checked and counted." };
        var executions = new Option<int>("--executions") { Description = "Executions (random initialisations) per fold; the paper ran 10.", DefaultValueFactory = _ => 10 };
        var folds = new Option<string>("--folds") { Description = "Comma-separated folds to run (1..5).", DefaultValueFactory = _ => "1,2,3,4,5" };
        var preset = CommonOptions.Preset(Preset.Paper);
        var epochsScale = new Option<double>("--epochs-scale")
        { Description = "Multiplies every training's epochs (paper preset: 100); e.g. 0.05 for a smoke run.", DefaultValueFactory = _ => 1.0 };
        var transfer = CommonOptions.Parsed("--transfer", $"Label-transfer method: {string.Join(", ", TransferMethod.All.Select(m => m.Name))} " +
            "(default mlp: the reference's multilabel MLP with its seed 0).", TransferMethod.Parse, TransferMethod.Reference);
        var transferInputs = CommonOptions.TransferInputs();
        var transferThreshold = CommonOptions.TransferThreshold();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var output = CommonOptions.Out("runs/reproduce");
        var units = new ReproduceUnits(reporter, threads);
        var command = new Command("reproduce",
            "Rerun the CzSL paper's protocol on its 5 folds: CAE → amateur pre-training → label transfer → fine-tuning, with the reference baselines. " +
            "With --plan DIR it writes the protocol as independent units instead (--unit I runs one; --merge DIR builds the report): see deploy/slurm.")
        {
            scenario, sampling, tables, images, labels, executions, folds, preset, epochsScale, transfer, transferInputs, transferThreshold, seed, threads, output,
            units.Plan, units.Unit, units.Merge,
        };
        Option[] protocol = [scenario, sampling, tables, images, labels, executions, folds, preset, epochsScale, transfer, transferInputs, transferThreshold, seed];
        command.Validators.Add(result =>
        {
            if (result.GetResult(units.Unit) is not null || result.GetResult(units.Merge) is not null) return;
            if (result.GetResult(tables) is null) result.AddError("Option '--tables' is required.");
            if (result.GetResult(images) is null) result.AddError("Option '--images' is required.");
            if (result.GetValue(scenario) is null && result.GetResult(units.Plan) is null) result.AddError("Option '--scenario' is required.");
        });
        PaperProtocolOptions Options(ParseResult parse) => new()
        {
            Scenario = parse.GetValue(scenario) ?? Scenario.ES, // a plan without --scenario holds every variant; the options' own scenario is then unused
            Sampling = parse.GetValue(sampling),
            Executions = parse.GetValue(executions),
            Folds = ParseFolds(parse.GetValue(folds)!),
            Preset = parse.GetValue(preset)!,
            EpochsScale = parse.GetValue(epochsScale),
            Transfer = parse.GetValue(transfer)! with { Inputs = parse.GetValue(transferInputs) },
            TransferThreshold = parse.GetValue(transferThreshold),
            Seed = parse.GetValue(seed),
        };
        units.Protocol = (parse, planFolder) =>
        {
            var variants = parse.GetValue(scenario) is { } chosen ? [new PaperVariant(chosen, parse.GetValue(sampling))] : PaperVariant.All;
            var arguments = new List<string>();
            foreach (var option in protocol)
            {
                if (parse.GetResult(option) is not { Implicit: false } given || option == scenario || option == sampling) continue;
                arguments.Add(option.Name);
                arguments.AddRange(option == tables || option == images || option == labels
                    ? [Path.GetFullPath(given.Tokens[^1].Value)]
                    : given.Tokens.Select(t => t.Value));
            }
            return (Options(parse) with { Scenario = variants[0].Scenario, Sampling = variants[0].Sampling }, variants, arguments);
        };
        units.Reparse = (arguments, planFolder) =>
        {
            var parse = command.Parse([units.Plan.Name, planFolder, .. arguments]);
            if (parse.Errors.Count > 0)
                throw new InvalidDataException($"{Path.Combine(planFolder, PaperPlanFile.FileName)}: its options no longer parse: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            return (Options(parse), parse.GetValue(tables)!.FullName, parse.GetValue(images)!.FullName, parse.GetValue(labels)?.FullName);
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            if (units.Handles(parse)) return await units.Run(parse, cancel);
            var options = Options(parse);
            options.Validate();
            TorchRuntime.Initialise(parse.GetValue(threads), "auto");
            var tablesDir = parse.GetValue(tables)!.FullName;
            var imagesDir = parse.GetValue(images)!.FullName;
            var labelsCsv = parse.GetValue(labels)?.FullName;
            var outDir = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, outDir);
            var paper = await reporter.Step("Reading the paper's tables", _ => PaperTables.Load(tablesDir));
            var run = await Run(reporter, options, paper, imagesDir, labelsCsv, outDir, cancel);
            Describe(reporter, options, run);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static PaperSampling ParseSampling(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => PaperSampling.None,
        "ros" => PaperSampling.Ros,
        "rus" => PaperSampling.Rus,
        _ => throw new ArgumentException($"Unknown sampling '{name}': expected none, ros or rus."),
    };

    /// <summary>Runs the protocol with a progress display.</summary>
    public static Task<PaperRun> Run(IReporter reporter, PaperProtocolOptions options, PaperTables tables, string imagesDir, string? labelsCsv,
        string outDir, CancellationToken cancel) =>
        reporter.Step($"CzSL paper protocol, {options.Scenario}{(options.Variant is { } v ? " " + v : "")}, folds {string.Join(",", options.Folds)} × {options.Executions} executions",
            progress => new PaperProtocol(options,
                    new SynchronousProgress<ExperimentProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, p.Status))))
                .Run(tables, imagesDir, labelsCsv, outDir, cancel));

    /// <summary>Prints the fold table, the metrics, the measured cost, the projection and the notes.</summary>
    public static void Describe(IReporter reporter, PaperProtocolOptions options, PaperRun run)
    {
        reporter.Table("Sets per fold: rows (with image / missing image)", ReproductionReport.FoldHeaders, ReproductionReport.FoldRows(run.Folds));
        reporter.Table($"Test metrics vs experts ({run.Result.Scenarios[0].Key}), the paper's definitions first",
            ReproductionReport.MetricHeaders(options.Scenario), ReproductionReport.MetricRows(run.Result));
        reporter.Info(ReproductionReport.MetricDefinitions);
        reporter.Table("Measured training cost on this machine", ReproductionReport.ThroughputHeaders, ReproductionReport.ThroughputRows(run.Throughput));
        if (run.Projection is { } p)
        {
            reporter.Table($"Projected full reproduction: {p.Galaxies:N0} galaxies, 5 folds × 10 executions × 3 trainings × 100 epochs",
                ReproductionReport.ProjectionHeaders, ReproductionReport.ProjectionRows(p));
        }
        foreach (var note in run.Notes) reporter.Warn(note);
        reporter.Success($"{run.Elapsed.TotalMinutes:F1} min; report → {run.Report.Markdown}, {run.Report.Json}; sets, cost and projection → {run.ReproductionFile}");
    }

    /// <summary>Parses "1,3,5" into folds (validated later by the options).</summary>
    /// <exception cref="FormatException">A part is not an integer.</exception>
    public static IReadOnlyList<int> ParseFolds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k
                : throw new FormatException($"--folds: '{s}' is not a fold number (expected e.g. 1,2,3).")).ToArray();
}
