using System.Text;

namespace CzSL.Reporting;

/// <summary>Renders a self-contained HTML report: the same tables as the Markdown report and every figure embedded as base64.</summary>
internal static class HtmlReportWriter
{
    public static string Render(ComparisonResult result, IReadOnlyList<ScenarioSummary> summaries, IReadOnlyList<ReportFigure> figures)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(E(result.Title)).AppendLine("</title>")
            .AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:.5em 0 1.5em}" +
                        "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}" +
                        "th{background:#f2f2f2}caption{text-align:left;font-style:italic;padding:.3em 0}img{max-width:100%;margin:.5em 0}" +
                        ".sig{background:#f8f8f8;padding:.5em;border-left:3px solid #888}</style>")
            .AppendLine("</head><body>");
        html.Append("<h1>").Append(E(result.Title)).AppendLine("</h1>");
        if (result.Dataset is not null) html.Append("<p>Dataset: ").Append(E(result.Dataset)).AppendLine("</p>");
        foreach (var summary in summaries)
        {
            var scenario = summary.Scenario;
            html.Append("<h2>").Append(E(scenario.Key)).Append(" <small>(").Append(E(string.Join(" / ", scenario.Classes)))
                .Append("; main metric: ").Append(E(MetricNames.Label(scenario.MainMetric))).AppendLine(")</small></h2>");
            Table(html, ReportTables.Metrics(summary, truth: false));
            html.Append("<p class=\"sig\">").Append(E(ReportTables.SignificanceLine(summary))).AppendLine("</p>");
            if (summary.TruthMetrics.Count > 0) Table(html, ReportTables.Metrics(summary, truth: true));
            Table(html, ReportTables.PerClass(summary));
            if (ReportTables.Calibration(summary) is { } calibration) Table(html, calibration);
            foreach (var figure in figures.Where(f => f.Scenario == scenario.Key)) Image(html, figure);
        }
        var general = figures.Where(f => f.Scenario is null).ToList();
        if (general.Count > 0)
        {
            html.AppendLine("<h2>Training and examples</h2>");
            foreach (var figure in general) Image(html, figure);
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table><caption>").Append(E(table.Caption)).AppendLine("</caption>");
        html.Append("<tr>").Append(string.Concat(table.Headers.Select(h => $"<th>{E(h)}</th>"))).AppendLine("</tr>");
        foreach (var row in table.Rows)
            html.Append("<tr>").Append(string.Concat(row.Select(c => c.Bold ? $"<td><b>{E(c.Text)}</b></td>" : $"<td>{E(c.Text)}</td>"))).AppendLine("</tr>");
        html.AppendLine("</table>");
    }

    private static void Image(StringBuilder html, ReportFigure figure)
    {
        var mime = figure.Path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? "image/svg+xml" : "image/png";
        html.Append("<figure><img alt=\"").Append(E(figure.Title)).Append("\" src=\"data:").Append(mime).Append(";base64,")
            .Append(Convert.ToBase64String(File.ReadAllBytes(figure.Path))).Append("\"><figcaption>").Append(E(figure.Title))
            .AppendLine("</figcaption></figure>");
    }

    /// <summary>Escapes the HTML-special characters; everything else stays as UTF-8 text.</summary>
    private static string E(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
