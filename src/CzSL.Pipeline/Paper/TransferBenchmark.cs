using System.Diagnostics;
using System.Globalization;
using System.Text;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Data;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Paper;

/// <summary>Options of <see cref="TransferBenchmark.Run"/>.</summary>
public sealed record TransferBenchmarkOptions
{
    /// <summary>Methods to compare .</summary>
    public IReadOnlyList<TransferMethod> Methods { get; init; } = TransferMethod.Default;
    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Test folds to run (default all folds present in the records).</summary>
    public IReadOnlyList<int>? Folds { get; init; }
    /// <summary>How the MG decision threshold is chosen on L (<see cref="ThresholdRule.Half"/>: each method's own decision at 0.5, the paper's).</summary>
    public ThresholdRule MgThreshold { get; init; } = ThresholdRule.Prior;
    /// <summary>The input columns every method reads (the reference's transformed set exists for ES and ERL only).</summary>
    public TransferInputs Inputs { get; init; } = TransferInputs.Amateur;
    /// <summary>Base seed; fold k uses seed + k (the reference MLP keeps its fixed seed, <see cref="TransferMethod.ReferenceSeed"/>).</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>One method's scores on one set (A or the test fold) of one fold.</summary>
/// <param name="Scenario">Scenario.</param>
/// <param name="Method">Method name.</param>
/// <param name="Fold">Test fold.</param>
/// <param name="Set">"A" (amateur set of the training fold) or "test".</param>
/// <param name="Count">Galaxies scored.</param>
/// <param name="Accuracy">Agreement with the expert.</param>
/// <param name="GMean">MG: G-mean of the decisions.</param>
/// <param name="LabelAuc">MG: the paper's "AUC", ROC AUC of the decided labels (= (TPR + TNR) / 2).</param>
/// <param name="ScoreAuc">MG: ROC AUC of p(merger).</param>
/// <param name="Threshold">MG: the threshold chosen on L; null for the method's own decision at 0.5.</param>
public sealed record TransferScore(Scenario Scenario, string Method, int Fold, string Set, int Count, double Accuracy,
    double? GMean, double? LabelAuc, double? ScoreAuc, double? Threshold);

/// <summary>Result of <see cref="TransferBenchmark.Run"/>: every per-fold score, summaries and a markdown rendering.</summary>
public sealed record TransferBenchmarkResult(IReadOnlyList<TransferScore> Scores, IReadOnlyList<(Scenario Scenario, int Fold, int L, int A, int Test)> Splits, TimeSpan Elapsed)
{
    /// <summary>Mean ± sd over folds of <paramref name="metric"/> for a scenario, method and set; null when absent.</summary>
    public MeanSd? Summary(Scenario scenario, string method, string set, Func<TransferScore, double?> metric)
    {
        var values = Scores.Where(s => s.Scenario == scenario && s.Method == method && s.Set == set)
            .Select(metric).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0 ? null : MeanSd.Of(values);
    }

    /// <summary>
    /// Markdown table: one row per method; ES and ERL accuracy (%), MG G-mean, the paper's AUC (of the decided labels)
    /// and the AUC of the scores, each on A and on the test fold, mean ± sd over folds (one fit per fold: the paper's
    /// ± over executions does not apply to a table-only benchmark).
    /// </summary>
    public string ToMarkdown()
    {
        var methods = Scores.Select(s => s.Method).Distinct().ToArray();
        var columns = new List<(string Title, Func<string, string> Cell)>();
        foreach (var scenario in Scores.Select(s => s.Scenario).Distinct().Order())
            foreach (var set in new[] { "A", "test" })
            {
                if (scenario == Scenario.MG)
                {
                    columns.Add(($"MG G-mean ({set})", m => Cell(Summary(scenario, m, set, s => s.GMean), 1, 3)));
                    columns.Add(($"MG AUC of labels, paper ({set})", m => Cell(Summary(scenario, m, set, s => s.LabelAuc), 1, 3)));
                    columns.Add(($"MG AUC of scores ({set})", m => Cell(Summary(scenario, m, set, s => s.ScoreAuc), 1, 3)));
                }
                else columns.Add(($"{scenario} acc % ({set})", m => Cell(Summary(scenario, m, set, s => s.Accuracy), 100, 1)));
            }
        var text = new StringBuilder();
        text.Append("| method |").AppendJoin("", columns.Select(c => $" {c.Title} |")).AppendLine();
        text.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine();
        foreach (var m in methods)
            text.Append("| ").Append(m).Append(" |").AppendJoin("", columns.Select(c => $" {c.Cell(m)} |")).AppendLine();
        return text.ToString();
    }

    private static string Cell(MeanSd? value, double scale, int decimals) => value?.Format(decimals, scale) ?? "–";
}

/// <summary>
/// Table-only label-transfer benchmark on the paper's folds: for each test fold k, the training set is the other
/// folds in the paper's file order (fold, then row order within the test file: <see cref="GalaxyRecord.Fold"/>,
/// <see cref="GalaxyRecord.Order"/>), L = its first 5% and A = the next 20% (<see cref="PaperSplit"/>). Each method
/// learns on L and is scored against the expert on A and on the test fold.
/// </summary>
public static class TransferBenchmark
{
    /// <summary>
    /// Runs the benchmark. <paramref name="esrl"/> serves ES and ERL, <paramref name="mg"/> serves MG (the paper's two
    /// tables, e.g. <c>PaperTables.Esrl.Records</c> and <c>PaperTables.Mg.Records</c>); every record needs votes,
    /// a fold and an order; galaxies without the scenario's expert label are left out.
    /// </summary>
    public static TransferBenchmarkResult Run(IReadOnlyList<GalaxyRecord> esrl, IReadOnlyList<GalaxyRecord> mg,
        TransferBenchmarkOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(esrl);
        ArgumentNullException.ThrowIfNull(mg);
        options ??= new TransferBenchmarkOptions();
        var methods = options.Methods;
        var clock = Stopwatch.StartNew();
        var scores = new List<TransferScore>();
        var splits = new List<(Scenario, int, int, int, int)>();
        foreach (var scenario in options.Scenarios)
        {
            if (options.Inputs == TransferInputs.Transformed && scenario == Scenario.MG)
                throw new ArgumentException("The transformed transfer inputs (EL_DEB[123], CS_DEB[123]) exist for ES and ERL only: " +
                                            "the paper's MG tables do not publish them (and the reference's MG scripts use the amateur inputs).");
            var records = (scenario == Scenario.MG ? mg : esrl).Where(r => r.Expert(scenario) is not null).ToArray();
            foreach (var r in records)
                if (r.Fold is null || r.Order is null)
                    throw new ArgumentException($"Galaxy {r.Id} has no fold or order: the benchmark needs the paper's folds.");
            var folds = options.Folds ?? records.Select(r => r.Fold!.Value).Distinct().Order().ToArray();
            foreach (var fold in folds)
            {
                var training = records.Where(r => r.Fold != fold).OrderBy(r => r.Fold).ThenBy(r => r.Order).ToArray();
                var test = records.Where(r => r.Fold == fold).OrderBy(r => r.Order).ToArray();
                var split = PaperSplit.Of(training.Length);
                var l = training[split.L];
                var a = training[split.A];
                splits.Add((scenario, fold, l.Length, a.Length, test.Length));
                foreach (var method in methods.Select(m => m.IsNone ? m : m with { Inputs = options.Inputs }))
                {
                    var labeller = TransferredLabeller.Fit(method.Create(options.Seed + (ulong)fold), l, scenario, options.MgThreshold);
                    scores.Add(Score(labeller, method.Name, fold, "A", a));
                    scores.Add(Score(labeller, method.Name, fold, "test", test));
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"{scenario} fold {fold} {method.Name}: test accuracy {scores[^1].Accuracy:P2} ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            }
        }
        return new TransferBenchmarkResult(scores, splits, clock.Elapsed);
    }

    private static TransferScore Score(TransferredLabeller labeller, string method, int fold, string set, IReadOnlyList<GalaxyRecord> records)
    {
        var report = labeller.Evaluate(records);
        return new TransferScore(labeller.Scenario, method, fold, set, records.Count, report.Accuracy,
            report.Binary?.GMean, report.Binary?.LabelAuc, report.Binary?.ScoreAuc, labeller.Threshold);
    }
}
