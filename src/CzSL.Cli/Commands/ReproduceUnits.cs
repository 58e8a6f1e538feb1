using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Paper.Units;
using CzSL.Training;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl reproduce</c>'s scale-out modes: <c>--plan DIR</c> writes the protocol as independent units,
/// <c>--plan DIR --unit [I]</c> runs one (I from the option, else <c>SLURM_ARRAY_TASK_ID</c> or
/// <c>JOB_COMPLETION_INDEX</c>), <c>--merge DIR</c> builds the reports and lists missing or failed units.
/// </summary>
public sealed class ReproduceUnits(IReporter reporter, Option<int> threads)
{
    /// <summary>Environment variables a unit's index is read from when <c>--unit</c> has no value, in order.</summary>
    public static readonly IReadOnlyList<string> IndexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"];

    /// <summary><c>--plan DIR</c>.</summary>
    public Option<DirectoryInfo?> Plan { get; } = new("--plan")
    {
        Description = "Plan folder: with the protocol's options, write the protocol there as independent units (plan.json, plan.env); with --unit, run one of them.",
    };

    /// <summary><c>--unit [I]</c>.</summary>
    public Option<string?> Unit { get; } = new("--unit")
    {
        Description = "With --plan: run unit I of the plan (without a value: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX). A finished unit is skipped.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary><c>--merge DIR</c>.</summary>
    public Option<DirectoryInfo?> Merge { get; } = new("--merge")
    {
        Description = "Plan folder: build each protocol's report (report/VARIANT/) from its finished units and list missing or failed units (exit 3 if any).",
    };

    /// <summary>From a parse with the protocol options and the plan folder: the options, the variants to plan and the options to store.</summary>
    public Func<ParseResult, string, (PaperProtocolOptions Options, IReadOnlyList<PaperVariant> Variants, IReadOnlyList<string> Arguments)>? Protocol { get; set; }

    /// <summary>Parses a plan's stored options (for its folder): the options, the tables, images and labels.</summary>
    public Func<IReadOnlyList<string>, string, (PaperProtocolOptions Options, string Tables, string Images, string? Labels)>? Reparse { get; set; }

    /// <summary>Whether <paramref name="parse"/> asks for one of these modes.</summary>
    public bool Handles(ParseResult parse) => parse.GetResult(Plan) is not null || parse.GetResult(Merge) is not null || parse.GetResult(Unit) is not null;

    /// <summary>Runs the mode <paramref name="parse"/> asks for.</summary>
    public async Task<int> Run(ParseResult parse, CancellationToken cancel)
    {
        if (parse.GetValue(Merge) is { } merge) return await MergeFolder(merge.FullName);
        var plan = parse.GetValue(Plan)?.FullName ?? throw new ArgumentException("--unit needs --plan DIR (the plan folder).");
        if (parse.GetResult(Unit) is not null) return await RunUnit(plan, UnitIndex(parse.GetValue(Unit)), parse.GetValue(threads), cancel);
        return WritePlan(parse, plan);
    }

    /// <summary>The unit index: <paramref name="given"/>, else the first of <see cref="IndexVariables"/> that is set.</summary>
    /// <exception cref="ArgumentException">No index, or not a non-negative integer.</exception>
    public static int UnitIndex(string? given)
    {
        var (text, source) = given is not null ? (given, "--unit")
            : IndexVariables.Select(v => (Environment.GetEnvironmentVariable(v), v)).FirstOrDefault(x => !string.IsNullOrEmpty(x.Item1));
        if (text is null)
            throw new ArgumentException($"--unit has no value and none of {string.Join(", ", IndexVariables)} is set: give the unit's index.");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new ArgumentException($"{source}: '{text}' is not a unit index (a non-negative integer).");
    }

    private int WritePlan(ParseResult parse, string folder)
    {
        var (options, variants, arguments) = Protocol!(parse, folder);
        foreach (var variant in variants) variant.Apply(options).Validate();
        var plan = PaperPlan.Create(variants, options.Folds, options.Executions);
        new PaperPlanFile(arguments, plan).Save(folder);
        var ae = plan.AutoencoderUnits;
        var runs = plan.RunUnits;
        reporter.Success($"plan of {plan.Units.Count} units → {Path.Combine(folder, PaperPlanFile.FileName)}: autoencoders {ae[0]}-{ae[^1]} " +
                         $"({ae.Count}: one per table fold), runs {runs[0]}-{runs[^1]} ({runs.Count}: {string.Join(", ", variants.Select(v => v.Name))} × " +
                         $"{plan.Folds.Count} folds × {plan.Executions} executions; each needs its fold's autoencoder)");
        reporter.Info($"run a unit: czsl reproduce --plan {folder} --unit I; then: czsl reproduce --merge {folder}");
        return ExitCodes.Success;
    }

    private async Task<int> RunUnit(string folder, int index, int threadCount, CancellationToken cancel)
    {
        var file = PaperPlanFile.Load(folder);
        var runner = new PaperUnitRunner(file, folder);
        var unit = file.Plan.Unit(index);
        var (options, tables, images, labels) = Reparse!(file.Arguments, folder);
        TorchRuntime.Initialise(threadCount, "auto");
        var paper = await reporter.Step("Reading the paper's tables", _ => PaperTables.Load(tables));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await reporter.Step($"unit {index} ({unit.Name})",
            progress => runner.Run(index, options, paper, images, labels, s => progress.Report(new StepProgress(0, 1, s)), cancel));
        if (outcome == PaperUnitOutcome.AlreadyFinished) reporter.Info($"unit {index} ({unit.Name}) had finished: skipped ({runner.Folder(unit)})");
        else reporter.Success($"unit {index} ({unit.Name}) finished in {clock.Elapsed.TotalSeconds:F1} s → {runner.Folder(unit)}");
        return ExitCodes.Success;
    }

    private async Task<int> MergeFolder(string folder)
    {
        var file = PaperPlanFile.Load(folder);
        var (options, tables, _, _) = Reparse!(file.Arguments, folder);
        var paper = await reporter.Step("Reading the paper's tables", _ => PaperTables.Load(tables));
        var merged = await reporter.Step("Merging the units", _ => PaperMerge.Run(file, folder, options, paper));
        foreach (var (variant, _, run) in merged.Reports)
            ReproduceCommand.Describe(reporter, variant.Apply(options), run);
        if (merged.Missing.Count == 0) return ExitCodes.Success;
        foreach (var missing in merged.Missing)
            reporter.Error($"unit {missing.Unit.Index} ({missing.Unit.Name}): {missing.Error ?? "not finished (never run, still running or killed)"}");
        var complete = merged.Reports.Select(r => r.Variant.Name).ToList();
        reporter.Error($"{merged.Missing.Count} of {file.Plan.Units.Count} units have no results; reports written only for " +
                       $"{(complete.Count == 0 ? "none" : string.Join(", ", complete))}. Rerun those units, then merge again.");
        return ExitCodes.CheckFailed;
    }
}
