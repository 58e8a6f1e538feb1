using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Active;

/// <summary>Result of <see cref="ActiveBenchmark.Run"/>: every score with its picks, summaries and a markdown table.</summary>
/// <param name="Scores">Every (scenario, strategy, fold, seed, budget) score.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ActiveBenchmarkResult(IReadOnlyList<ActiveScore> Scores, TimeSpan Elapsed)
{
    /// <summary>The scenario's headline metric: accuracy for ES and ERL, G-mean for MG.</summary>
    public static double? Headline(ActiveScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Scenario == Scenario.MG ? score.GMean : score.Accuracy;
    }

    /// <summary>Mean ± sd over folds and seeds of <paramref name="metric"/>; null when absent.</summary>
    public MeanSd? Summary(Scenario scenario, ActiveStrategy strategy, double budget, Func<ActiveScore, double?> metric)
    {
        var values = Scores.Where(s => s.Scenario == scenario && s.Strategy == strategy && s.Budget == budget)
            .Select(metric).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0 ? null : MeanSd.Of(values);
    }

    /// <summary>The budgets, ascending.</summary>
    public IReadOnlyList<double> Budgets => [.. Scores.Select(s => s.Budget).Distinct().Order()];

    /// <summary>
    /// One markdown table per scenario and metric (ES and ERL accuracy %, MG G-mean and ROC AUC of p(merger)), titled:
    /// a row per strategy, a column per budget, mean ± sd over folds and seeds; a * marks cells where some run's picks
    /// missed a class.
    /// </summary>
    public IReadOnlyList<(string Title, string Table)> ToMarkdownTables()
    {
        var tables = new List<(string, string)>();
        foreach (var scenario in Scores.Select(s => s.Scenario).Distinct().Order())
        {
            var metrics = scenario == Scenario.MG
                ? new (string Name, Func<ActiveScore, double?> Value, double Scale, int Decimals)[] { ("G-mean", s => s.GMean, 1, 3), ("AUC of p(merger)", s => s.ScoreAuc, 1, 3) }
                : [("accuracy %", s => s.Accuracy, 100, 1)];
            foreach (var (name, value, scale, decimals) in metrics)
            {
                var text = new StringBuilder("| strategy |");
                foreach (var b in Budgets) text.Append(CultureInfo.InvariantCulture, $" {b * 100:0.##}% |");
                text.Append("\n|---|").Append(string.Concat(Budgets.Select(_ => "---:|"))).Append('\n');
                foreach (var strategy in Scores.Where(s => s.Scenario == scenario).Select(s => s.Strategy).Distinct())
                {
                    text.Append("| ").Append(strategy.Name()).Append(" |");
                    foreach (var b in Budgets)
                    {
                        var cell = Summary(scenario, strategy, b, value)?.Format(decimals, scale) ?? "–";
                        var unfitted = Scores.Any(s => s.Scenario == scenario && s.Strategy == strategy && s.Budget == b && !s.Fitted);
                        text.Append(' ').Append(cell).Append(unfitted ? "*" : "").Append(" |");
                    }
                    text.Append('\n');
                }
                tables.Add(($"{scenario} {name} vs expert labels (% of the pool)", text.ToString()));
            }
        }
        return tables;
    }

    /// <summary>Every table of <see cref="ToMarkdownTables"/>, each under its title in bold.</summary>
    public string ToMarkdown() => string.Concat(ToMarkdownTables().Select(t => $"**{t.Title}**\n\n{t.Table}\n"));

    /// <summary>Per scenario and strategy: (budget, mean, sd) of the headline metric, for plotting.</summary>
    public IReadOnlyList<(string Strategy, IReadOnlyList<(double Budget, double Mean, double Sd)> Points)> Curves(Scenario scenario) =>
        [.. Scores.Where(s => s.Scenario == scenario).Select(s => s.Strategy).Distinct()
            .Select(strategy => (strategy.Name(), (IReadOnlyList<(double, double, double)>)[.. Budgets
                .Select(b => (b, Summary(scenario, strategy, b, Headline)))
                .Where(p => p.Item2 is not null).Select(p => (p.b, p.Item2!.Value.Mean, p.Item2!.Value.Sd))]))];
}
