using CzSL.Reporting.Statistics;

namespace CzSL.Reporting;

/// <summary>
/// Mean of one metric over a method's runs (folds × executions) with both spreads: <see cref="SdRuns"/> (ours, the
/// sample sd over every run) and <see cref="SdExecutions"/> (the paper's ±: the sample sd over executions of each
/// execution's mean over folds).
/// </summary>
/// <param name="Mean">Arithmetic mean over the runs.</param>
/// <param name="SdRuns"><c>sd_runs</c>: sample standard deviation (n − 1) over every run; 0 for one run.</param>
/// <param name="Values">Per-run values in run order.</param>
public sealed record MetricSummary(double Mean, double SdRuns, IReadOnlyList<double> Values)
{
    /// <summary>
    /// <c>sd_executions</c>, the paper's ±: the sample sd over executions of each execution's mean over its folds; null
    /// with fewer than two executions (e.g. repeats that are each their own fold).
    /// </summary>
    public double? SdExecutions { get; init; }

    /// <summary>The mean with its 95% Student-t confidence interval over every run (no interval for a single run).</summary>
    public MeanCi Ci95 => MeanCi.Of(Values.ToArray());

    /// <summary>Summarises <paramref name="values"/> (at least one) as runs of one execution.</summary>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        var meanSd = CzSL.Data.Metrics.MeanSd.Of(values.ToArray());
        return new MetricSummary(meanSd.Mean, meanSd.Sd, values.ToArray());
    }

    /// <summary>Summarises <paramref name="runs"/> (at least one), each tagged with its fold and execution.</summary>
    public static MetricSummary Of(IReadOnlyList<(int Fold, int Execution, double Value)> runs)
    {
        var summary = Of(runs.Select(r => r.Value).ToArray());
        var executionMeans = runs.GroupBy(r => r.Execution).Select(g => g.Average(r => r.Value)).ToArray();
        return executionMeans.Length < 2 ? summary : summary with { SdExecutions = CzSL.Data.Metrics.MeanSd.Of(executionMeans).Sd };
    }
}

/// <summary>A method's metrics aggregated over its repeats.</summary>
public sealed record MethodSummary
{
    /// <summary>Method name.</summary>
    public required string Name { get; init; }
    /// <summary>True for CzSL (variants).</summary>
    public required bool IsCzsl { get; init; }
    /// <summary>Number of repeats.</summary>
    public required int Repeats { get; init; }
    /// <summary>Metric name → summary against expert labels (metrics missing from some repeats summarise the others).</summary>
    public required IReadOnlyDictionary<string, MetricSummary> Expert { get; init; }
    /// <summary>Metric name → summary against the ground truth; empty without truth.</summary>
    public required IReadOnlyDictionary<string, MetricSummary> Truth { get; init; }
    /// <summary>Training seconds.</summary>
    public required MetricSummary TrainSeconds { get; init; }
    /// <summary>Scoring seconds.</summary>
    public required MetricSummary ScoreSeconds { get; init; }
}

/// <summary>The paired comparison of the best CzSL method with the best other method on the scenario's main metric.</summary>
/// <param name="CzslMethod">The CzSL method compared.</param>
/// <param name="Baseline">The best other method.</param>
/// <param name="Metric">The main metric.</param>
/// <param name="Pairing">"fold and execution" when repeats matched one to one, "fold means" when they were averaged per fold first.</param>
/// <param name="CzslValues">CzSL's paired values.</param>
/// <param name="BaselineValues">The baseline's paired values.</param>
/// <param name="TTest">Paired t-test of CzSL − baseline.</param>
/// <param name="Wilcoxon">Wilcoxon signed-rank test of CzSL − baseline.</param>
public sealed record SignificanceResult(string CzslMethod, string Baseline, string Metric, string Pairing,
    IReadOnlyList<double> CzslValues, IReadOnlyList<double> BaselineValues, PairedTTestResult TTest, WilcoxonResult Wilcoxon);

/// <summary>One scenario's methods ranked by the main metric, with the significance of CzSL against the best baseline.</summary>
public sealed record ScenarioSummary
{
    /// <summary>The source results.</summary>
    public required ScenarioResult Scenario { get; init; }
    /// <summary>Methods, best main-metric mean first.</summary>
    public required IReadOnlyList<MethodSummary> Ranking { get; init; }
    /// <summary>Expert metrics present in any method, in report order.</summary>
    public required IReadOnlyList<string> ExpertMetrics { get; init; }
    /// <summary>Truth metrics present in any method, in report order; empty without truth.</summary>
    public required IReadOnlyList<string> TruthMetrics { get; init; }
    /// <summary>The paired test, or null when it could not be run (see <see cref="SignificanceNote"/>).</summary>
    public SignificanceResult? Significance { get; init; }
    /// <summary>Why there is no test (no CzSL method, no baseline, fewer than two pairs); null when there is one.</summary>
    public string? SignificanceNote { get; init; }

    /// <summary>Aggregates <paramref name="scenario"/>: per method and metric the mean with sd_runs and sd_executions, ranking, significance.</summary>
    /// <exception cref="ArgumentException">A method has no repeats or two methods share a name.</exception>
    public static ScenarioSummary Of(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var duplicate = scenario.Methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Scenario {scenario.Key} lists method '{duplicate.Key}' twice.", nameof(scenario));
        var methods = scenario.Methods.Select(m => Summarise(scenario, m)).ToList();
        var main = scenario.MainMetric;
        var ranking = methods
            .OrderByDescending(m => m.Expert.ContainsKey(main))
            .ThenByDescending(m => m.Expert.TryGetValue(main, out var s) ? s.Mean : 0)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var (significance, note) = TestSignificance(scenario, ranking);
        return new ScenarioSummary
        {
            Scenario = scenario,
            Ranking = ranking,
            ExpertMetrics = methods.SelectMany(m => m.Expert.Keys).Distinct().ToList(),
            TruthMetrics = methods.SelectMany(m => m.Truth.Keys).Distinct().ToList(),
            Significance = significance,
            SignificanceNote = note,
        };
    }

    private static MethodSummary Summarise(ScenarioResult scenario, MethodResult method)
    {
        if (method.Repeats.Count == 0)
            throw new ArgumentException($"Scenario {scenario.Key}, method '{method.Name}' has no repeats.", nameof(scenario));
        return new MethodSummary
        {
            Name = method.Name,
            IsCzsl = method.IsCzsl,
            Repeats = method.Repeats.Count,
            Expert = Aggregate(method.Repeats.Select(r => (r, MetricNames.Scalars(r.Expert, scenario.Classes)))),
            Truth = Aggregate(method.Repeats.Where(r => r.Truth is not null).Select(r => (r, MetricNames.Scalars(r.Truth!, scenario.Classes)))),
            TrainSeconds = MetricSummary.Of(method.Repeats.Select(r => r.TrainSeconds).ToArray()),
            ScoreSeconds = MetricSummary.Of(method.Repeats.Select(r => r.ScoreSeconds).ToArray()),
        };
    }

    private static Dictionary<string, MetricSummary> Aggregate(IEnumerable<(RepeatResult Run, IEnumerable<KeyValuePair<string, double>> Metrics)> repeats)
    {
        var values = new Dictionary<string, List<(int, int, double)>>();
        foreach (var (run, metrics) in repeats)
        foreach (var (name, value) in metrics)
        {
            if (!values.TryGetValue(name, out var list)) values[name] = list = [];
            list.Add((run.Fold, run.Execution, value));
        }
        return values.ToDictionary(kv => kv.Key, kv => MetricSummary.Of(kv.Value));
    }

    private static (SignificanceResult?, string?) TestSignificance(ScenarioResult scenario, List<MethodSummary> ranking)
    {
        var main = scenario.MainMetric;
        var czsl = ranking.FirstOrDefault(m => m.IsCzsl && m.Expert.ContainsKey(main));
        var baseline = ranking.FirstOrDefault(m => !m.IsCzsl && m.Expert.ContainsKey(main));
        if (czsl is null) return (null, "no CzSL method to test");
        if (baseline is null) return (null, "no baseline to test against");
        var czslRepeats = scenario.Methods.Single(m => m.Name == czsl.Name).Repeats;
        var baselineRepeats = scenario.Methods.Single(m => m.Name == baseline.Name).Repeats;
        var (a, b, pairing) = Pair(czslRepeats, baselineRepeats, main, scenario.Classes);
        if (a.Count < 2) return (null, $"fewer than two paired repeats of {czsl.Name} and {baseline.Name}");
        return (new SignificanceResult(czsl.Name, baseline.Name, main, pairing, a, b, PairedTTest.Run(a, b), WilcoxonSignedRank.Run(a, b)), null);
    }

    /// <summary>Pairs repeats by (fold, execution); when fewer than two match, pairs per-fold means instead.</summary>
    private static (List<double> A, List<double> B, string Pairing) Pair(
        IReadOnlyList<RepeatResult> first, IReadOnlyList<RepeatResult> second, string metric, IReadOnlyList<string> classes)
    {
        double? Value(RepeatResult r) => MetricNames.Scalars(r.Expert, classes).Where(kv => kv.Key == metric).Select(kv => (double?)kv.Value).FirstOrDefault();
        var byKey = second.Where(r => Value(r) is not null).GroupBy(r => (r.Fold, r.Execution)).ToDictionary(g => g.Key, g => Value(g.First())!.Value);
        List<double> a = [], b = [];
        foreach (var r in first.OrderBy(r => r.Fold).ThenBy(r => r.Execution))
            if (Value(r) is { } v && byKey.Remove((r.Fold, r.Execution), out var w)) { a.Add(v); b.Add(w); }
        if (a.Count >= 2) return (a, b, "fold and execution");
        var foldsA = FoldMeans(first, Value);
        var foldsB = FoldMeans(second, Value);
        a.Clear();
        b.Clear();
        foreach (var (fold, mean) in foldsA.OrderBy(kv => kv.Key))
            if (foldsB.TryGetValue(fold, out var other)) { a.Add(mean); b.Add(other); }
        return (a, b, "fold means");
    }

    private static Dictionary<int, double> FoldMeans(IReadOnlyList<RepeatResult> repeats, Func<RepeatResult, double?> value) =>
        repeats.Select(r => (r.Fold, Value: value(r))).Where(x => x.Value is not null)
            .GroupBy(x => x.Fold).ToDictionary(g => g.Key, g => g.Average(x => x.Value!.Value));
}
