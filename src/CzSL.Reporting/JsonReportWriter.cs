using System.Text.Json;
using System.Text.Json.Nodes;

namespace CzSL.Reporting;

/// <summary>
/// Renders report.json: scenarios → methods → metrics → {mean, sd, values}, plus times, ranking and the significance
/// test. Non-finite numbers (e.g. an infinite t) are written as null.
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(ComparisonResult result, IReadOnlyList<ScenarioSummary> summaries)
    {
        var scenarios = new JsonObject();
        foreach (var summary in summaries)
        {
            var scenario = summary.Scenario;
            var methods = new JsonObject();
            foreach (var method in summary.Ranking)
            {
                var repeats = scenario.Methods.Single(m => m.Name == method.Name).Repeats;
                methods[method.Name] = new JsonObject
                {
                    ["is_czsl"] = method.IsCzsl,
                    ["repeats"] = method.Repeats,
                    ["folds"] = new JsonArray(repeats.Select(r => (JsonNode)r.Fold).ToArray()),
                    ["executions"] = new JsonArray(repeats.Select(r => (JsonNode)r.Execution).ToArray()),
                    ["expert"] = Metrics(method.Expert),
                    ["truth"] = method.Truth.Count > 0 ? Metrics(method.Truth) : null,
                    ["train_seconds"] = Summary(method.TrainSeconds),
                    ["score_seconds"] = Summary(method.ScoreSeconds),
                };
            }
            scenarios[scenario.Key] = new JsonObject
            {
                ["scenario"] = scenario.Scenario.ToString(),
                ["variant"] = scenario.Variant,
                ["classes"] = new JsonArray(scenario.Classes.Select(c => (JsonNode)c).ToArray()),
                ["main_metric"] = scenario.MainMetric,
                ["ranking"] = new JsonArray(summary.Ranking.Select(m => (JsonNode)m.Name).ToArray()),
                ["significance"] = Significance(summary),
                ["methods"] = methods,
            };
        }
        var root = new JsonObject
        {
            ["title"] = result.Title,
            ["dataset"] = result.Dataset,
            ["scenarios"] = scenarios,
        };
        return root.ToJsonString(Indented);
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, MetricSummary> metrics)
    {
        var node = new JsonObject();
        foreach (var (name, summary) in metrics) node[name] = Summary(summary);
        return node;
    }

    private static JsonObject Summary(MetricSummary s) => new()
    {
        ["mean"] = Number(s.Mean),
        ["sd_runs"] = Number(s.SdRuns),
        ["sd_executions"] = s.SdExecutions is { } sd ? Number(sd) : null,
        ["values"] = new JsonArray(s.Values.Select(Number).ToArray()),
    };

    private static JsonObject Significance(ScenarioSummary summary)
    {
        if (summary.Significance is not { } s) return new JsonObject { ["note"] = summary.SignificanceNote };
        return new JsonObject
        {
            ["czsl"] = s.CzslMethod,
            ["baseline"] = s.Baseline,
            ["metric"] = s.Metric,
            ["pairing"] = s.Pairing,
            ["pairs"] = s.TTest.Pairs,
            ["mean_difference"] = Number(s.TTest.MeanDifference),
            ["t"] = Number(s.TTest.T),
            ["df"] = s.TTest.DegreesOfFreedom,
            ["p_t_test"] = Number(s.TTest.PValue),
            ["wilcoxon_statistic"] = Number(s.Wilcoxon.Statistic),
            ["p_wilcoxon"] = Number(s.Wilcoxon.PValue),
            ["wilcoxon_exact"] = s.Wilcoxon.Exact,
        };
    }

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
