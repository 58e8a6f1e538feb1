using System.CommandLine;
using System.Diagnostics;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Pipeline.Active;
using CzSL.Pipeline.Paper;
using CzSL.Reporting.Plots;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data active-benchmark</c>: which galaxies experts should label, measured on the paper's tables — each
/// strategy picks the expert-labelled galaxies of the training fold at several budgets, the transfer model learns from
/// them and is scored on the test fold.
/// </summary>
public static class ActiveBenchmarkCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var tables = DataOptions.Tables();
        var scenarios = CommonOptions.ParsedList("--scenarios", "Scenarios to run: es, erl, mg.", ScenarioNames.Parse, [Scenario.ES, Scenario.ERL, Scenario.MG]);
        var strategies = CommonOptions.ParsedList("--strategies", $"Strategies: {string.Join(", ", ActiveStrategies.WithoutImages.Select(s => s.Name()))}.",
            ActiveStrategies.ParseWithoutImages, [.. ActiveStrategies.WithoutImages]);
        var folds = new Option<int[]>("--folds")
        { Description = "Test folds to run (1–5; default all).", AllowMultipleArgumentsPerToken = true };
        var budgets = new Option<double[]>("--budgets")
        {
            Description = "Expert budgets in % of the pool (default 0.25 0.5 1 2 5).",
            DefaultValueFactory = _ => [0.25, 0.5, 1, 2, 5],
            AllowMultipleArgumentsPerToken = true,
        };
        var randomSeeds = new Option<int>("--random-seeds") { Description = "Seeds of the random strategy.", DefaultValueFactory = _ => 5 };
        var modelSeeds = new Option<int>("--model-seeds") { Description = "Seeds of the model-based strategies (their random first batch; the README table used 3).", DefaultValueFactory = _ => 1 };
        var seed = CommonOptions.Seed(1);
        var markdown = DataOptions.Markdown();
        var plots = new Option<DirectoryInfo?>("--plots") { Description = "Folder for the metric-vs-budget plots (active-<scenario>.png)." };
        var command = new Command("active-benchmark",
            "Active learning for the label transfer on the paper's tables: which galaxies should experts label?")
        {
            tables, scenarios, strategies, folds, budgets, randomSeeds, modelSeeds, seed, markdown, plots,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            var folder = DataInputs.Folder(parse.GetValue(tables), "--tables");
            var chosenFolds = parse.GetValue(folds) is { Length: > 0 } f ? f.Distinct().Order().ToArray() : [.. Enumerable.Range(1, PaperTable.FoldCount)];
            if (chosenFolds.Any(k => k is < 1 or > PaperTable.FoldCount))
                throw new ArgumentException($"--folds: the paper has folds 1–{PaperTable.FoldCount}.");
            var chosenBudgets = parse.GetValue(budgets)!.Distinct().Order().ToArray();
            if (chosenBudgets.Length == 0 || chosenBudgets.Any(b => b is <= 0 or > 100))
                throw new ArgumentException("--budgets: give percentages in (0, 100].");
            var nRandom = parse.GetValue(randomSeeds);
            var nModel = parse.GetValue(modelSeeds);
            if (nRandom < 1 || nModel < 1) throw new ArgumentException("--random-seeds and --model-seeds must be at least 1.");
            var options = new ActiveBenchmarkOptions
            {
                Scenarios = parse.GetValue(scenarios)!.Distinct().ToArray(),
                Strategies = parse.GetValue(strategies)!.Distinct().ToArray(),
                Folds = chosenFolds,
                Budgets = [.. chosenBudgets.Select(b => b / 100)],
                RandomSeeds = nRandom,
                ModelSeeds = nModel,
                Seed = (ulong)parse.GetValue(seed),
            };
            var paper = await reporter.Step("Reading the paper's tables (checksums verified)", _ => PaperTables.Load(folder));
            var runs = options.Strategies.Sum(s => s switch { ActiveStrategy.Random => nRandom, _ when s.NeedsModel() => nModel, _ => 1 });
            var total = options.Scenarios.Count * chosenFolds.Length * runs;
            var result = await reporter.Step($"Active learning: {options.Strategies.Count} strategies × {options.Scenarios.Count} scenarios × {chosenFolds.Length} folds",
                progress =>
                {
                    var done = 0;
                    return ActiveBenchmark.Run(paper.Esrl.Records, paper.Mg.Records, options,
                        new SynchronousProgress<string>(status => progress.Report(new StepProgress(++done, total, status))));
                });
            foreach (var (title, body) in result.ToMarkdownTables())
                MarkdownReport.Show(reporter, $"{title}, transfer {options.Method.Name} on the test fold, mean ± sd over folds and seeds", body);
            reporter.Info(Notes);
            reporter.Info($"benchmark time {result.Elapsed.TotalSeconds:F1} s");
            if (parse.GetValue(plots) is { } plotFolder)
            {
                Directory.CreateDirectory(plotFolder.FullName);
                foreach (var scenario in options.Scenarios)
                {
                    var metric = scenario == Scenario.MG ? "G-mean (test fold)" : "Accuracy (test fold)";
                    var written = PlotExporter.Export(BudgetCurves.Create($"{scenario}: transfer ({options.Method.Name}) vs expert budget", metric, result.Curves(scenario)),
                        Path.Combine(plotFolder.FullName, $"active-{scenario.Name()}"), 900, 600);
                    reporter.Success($"plot → {written}");
                }
            }
            if (parse.GetValue(markdown) is { } file)
            {
                MarkdownReport.Write(file.FullName, "Active learning for the label transfer on the CzSL paper's tables", DataCommandLine.Of(parse), clock.Elapsed,
                    [($"Transfer ({options.Method.Name}) on the test fold vs expert budget (mean ± sd over folds and seeds)", result.ToMarkdown() + "\n" + Notes)]);
                reporter.Success($"benchmark written → {file.FullName}");
            }
            else reporter.Success("benchmark done (add --markdown FILE to keep the table)");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>How to read the table (printed with it).</summary>
    public const string Notes =
        "Pool = the training fold (the other four folds); MG threshold = the prior of the picked galaxies (training data only). " +
        "Model-based strategies start from a random batch of half the smallest budget, then pick batches of half the labels so far with a refit before each. " +
        "* = some run's picks missed a class: no transfer could be fitted and that run scores the picks' majority class.";
}
