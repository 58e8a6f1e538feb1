using System.Text;

namespace CzSL.Reporting;

/// <summary>Renders the report as Markdown: per scenario the ranked metric table, per-class table, significance line and figures.</summary>
internal static class MarkdownReportWriter
{
    public static string Render(ComparisonResult result, IReadOnlyList<ScenarioSummary> summaries, IReadOnlyList<ReportFigure> figures, string outDir)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(result.Title).AppendLine();
        if (result.Dataset is not null) md.Append("Dataset: ").AppendLine(result.Dataset).AppendLine();
        foreach (var summary in summaries)
        {
            var scenario = summary.Scenario;
            md.Append("## ").Append(scenario.Key).Append(" (").Append(string.Join(" / ", scenario.Classes))
                .Append("; main metric: ").Append(MetricNames.Label(scenario.MainMetric)).AppendLine(")").AppendLine();
            Table(md, ReportTables.Metrics(summary, truth: false));
            md.AppendLine(ReportTables.SignificanceLine(summary)).AppendLine();
            if (summary.TruthMetrics.Count > 0) Table(md, ReportTables.Metrics(summary, truth: true));
            Table(md, ReportTables.PerClass(summary));
            if (ReportTables.Calibration(summary) is { } calibration) Table(md, calibration);
            foreach (var figure in figures.Where(f => f.Scenario == scenario.Key))
                md.Append("![").Append(figure.Title).Append("](").Append(Relative(outDir, figure.Path)).AppendLine(")").AppendLine();
        }
        var general = figures.Where(f => f.Scenario is null).ToList();
        if (general.Count > 0)
        {
            md.AppendLine("## Training and examples").AppendLine();
            foreach (var figure in general)
                md.Append("![").Append(figure.Title).Append("](").Append(Relative(outDir, figure.Path)).AppendLine(")").AppendLine();
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, ReportTable table)
    {
        md.AppendLine(table.Caption).AppendLine();
        md.Append("| ").Append(string.Join(" | ", table.Headers)).AppendLine(" |");
        md.Append('|').Append(string.Concat(table.Headers.Select(_ => "---|"))).AppendLine();
        foreach (var row in table.Rows)
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
        md.AppendLine();
    }

    private static string Cell(ReportCell cell)
    {
        var text = cell.Text.Replace("|", "\\|", StringComparison.Ordinal);
        return cell.Bold ? $"**{text}**" : text;
    }

    private static string Relative(string outDir, string path) => Path.GetRelativePath(outDir, path).Replace('\\', '/');
}
