using System.CommandLine;
using System.Diagnostics;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Transfer;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data transfer-benchmark</c>: the table-only label-transfer benchmark on the paper's folds (each method learns
/// the expert's reading of the votes on L = the first 5% of the training fold, scored on A and on the test fold).
/// </summary>
public static class TransferBenchmarkCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var tables = DataOptions.Tables();
        var methods = new Option<string[]>("--methods")
        {
            Description = $"Label-transfer methods to compare: {string.Join(", ", TransferMethod.All.Select(m => m.Name))}.",
            DefaultValueFactory = _ => [.. TransferMethod.Default.Select(m => m.Name)],
            AllowMultipleArgumentsPerToken = true,
        };
        var scenarios = CommonOptions.ParsedList("--scenarios", "Scenarios to run: es, erl, mg.", ScenarioNames.Parse, [Scenario.ES, Scenario.ERL, Scenario.MG]);
        var folds = new Option<int[]>("--folds")
        { Description = "Test folds to run (1–5; default all).", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<ThresholdRule>("--mg-threshold")
        {
            Description = "How the MG decision threshold is chosen on L: Prior (the training prior, ours), Half (each method's own decision at 0.5, the paper's) or MaxGMean.",
            DefaultValueFactory = _ => ThresholdRule.Prior,
        };
        var inputs = CommonOptions.TransferInputs();
        var seed = CommonOptions.Seed(1);
        var markdown = DataOptions.Markdown();
        var command = new Command("transfer-benchmark",
            "Label transfer on the paper's tables: each method learns from L (5% of the training fold) how experts read the votes.")
        {
            tables, methods, scenarios, folds, threshold, inputs, seed, markdown,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            var folder = DataInputs.Folder(parse.GetValue(tables), "--tables");
            var names = parse.GetValue(methods)!.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (names.Length == 0) throw new ArgumentException("--methods: give at least one method.");
            var chosenMethods = names.Select(TransferMethod.Parse).ToArray();
            var chosenScenarios = parse.GetValue(scenarios)!.Distinct().ToArray();
            if (chosenScenarios.Length == 0) throw new ArgumentException("--scenarios: give at least one scenario.");
            var chosenFolds = parse.GetValue(folds) is { Length: > 0 } f ? f.Distinct().Order().ToArray() : null;
            if (chosenFolds is not null && chosenFolds.Any(k => k is < 1 or > PaperTable.FoldCount))
                throw new ArgumentException($"--folds: {string.Join(", ", chosenFolds.Where(k => k is < 1 or > PaperTable.FoldCount))} " +
                                            $"not a fold; the paper has folds 1–{PaperTable.FoldCount}.");
            var options = new TransferBenchmarkOptions
            {
                Methods = chosenMethods,
                Scenarios = chosenScenarios,
                Folds = chosenFolds,
                MgThreshold = parse.GetValue(threshold),
                Inputs = parse.GetValue(inputs),
                Seed = (ulong)parse.GetValue(seed),
            };

            var paper = await reporter.Step("Reading the paper's tables (checksums verified)", _ => PaperTables.Load(folder));
            var total = chosenScenarios.Length * (chosenFolds?.Length ?? PaperTable.FoldCount) * names.Length;
            var result = await reporter.Step($"Label transfer: {names.Length} methods × {chosenScenarios.Length} scenarios × {chosenFolds?.Length ?? PaperTable.FoldCount} folds",
                progress =>
                {
                    var done = 0;
                    return TransferBenchmark.Run(paper.Esrl.Records, paper.Mg.Records, options,
                        new SynchronousProgress<string>(status => progress.Report(new StepProgress(++done, total, status))));
                });

            var table = result.ToMarkdown();
            MarkdownReport.Show(reporter, $"Label transfer vs expert, {options.Inputs.Name()} inputs, MG threshold {options.MgThreshold}: mean ± sd over folds " +
                                          "(A: amateur set of the training fold; test: the test fold)", table);
            reporter.Info(MetricDefinitions);
            var splits = Splits(result);
            reporter.Info(string.Join("; ", result.Splits.GroupBy(s => s.Scenario)
                .Select(g => $"{g.Key}: L {g.Average(s => s.L):N0} · A {g.Average(s => s.A):N0} · test {g.Average(s => s.Test):N0} galaxies per fold")));
            reporter.Info($"benchmark time {result.Elapsed.TotalSeconds:F1} s");
            if (parse.GetValue(markdown) is { } file)
            {
                MarkdownReport.Write(file.FullName, "Label-transfer benchmark on the CzSL paper's tables", DataCommandLine.Of(parse), clock.Elapsed,
                [
                    ($"Accuracy / G-mean / AUC vs the expert, {options.Inputs.Name()} inputs (mean ± sd over folds)", table + "\n" + MetricDefinitions),
                    ("Split sizes per fold", splits),
                ]);
                reporter.Success($"benchmark written → {file.FullName}");
            }
            else reporter.Success("benchmark done (add --markdown FILE to keep the table)");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>What the benchmark's MG columns mean (printed with the table).</summary>
    public const string MetricDefinitions =
        "MG \"AUC of labels\" is the paper's AUC (the reference's roc_auc_score on the decided labels, = (TPR + TNR) / 2); " +
        "\"AUC of scores\" is ours (ROC AUC of p(merger)). ± is the sd over the folds (one fit per fold; the reference MLP keeps its seed 0).";

    /// <summary>Markdown table of the L / A / test sizes of every scenario and fold.</summary>
    public static string Splits(TransferBenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new System.Text.StringBuilder("| scenario | fold | L | A | test |\n|---|---:|---:|---:|---:|\n");
        foreach (var (scenario, fold, l, a, test) in result.Splits)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {scenario} | {fold} | {l} | {a} | {test} |\n");
        return text.ToString();
    }
}
