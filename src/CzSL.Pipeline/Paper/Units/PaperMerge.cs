namespace CzSL.Pipeline.Paper.Units;

/// <summary>A unit the merge could not use.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Error">Its error when it failed; null when it never finished (not run, or killed).</param>
public sealed record PaperMissingUnit(PaperUnit Unit, string? Error);

/// <summary>What the merge wrote and what it lacked.</summary>
/// <param name="Reports">The report folder and run of every variant whose units had all finished.</param>
/// <param name="Missing">Units without results, in plan order.</param>
public sealed record PaperMergeResult(IReadOnlyList<(PaperVariant Variant, string Folder, PaperRun Run)> Reports, IReadOnlyList<PaperMissingUnit> Missing);

/// <summary>
/// Builds each variant's report from a plan folder's finished units, adding their results in the single-process
/// run's order (per fold: the autoencoder, then executions 1..E), so the report equals that run's (times aside).
/// Reports go to <c>report/VARIANT/</c>; a variant with a missing unit gets no report and the unit is listed.
/// </summary>
public static class PaperMerge
{
    /// <summary>Merges the plan folder <paramref name="folder"/> with the plan's <paramref name="options"/>.</summary>
    public static PaperMergeResult Run(PaperPlanFile planFile, string folder, PaperProtocolOptions options, PaperTables tables)
    {
        ArgumentNullException.ThrowIfNull(planFile);
        ArgumentNullException.ThrowIfNull(tables);
        var runner = new PaperUnitRunner(planFile, folder);
        var plan = planFile.Plan;
        var missing = plan.Units.Where(u => !runner.IsFinished(u)).Select(u => new PaperMissingUnit(u, runner.Error(u))).ToList();
        var reports = new List<(PaperVariant, string, PaperRun)>();
        foreach (var variant in plan.Variants)
        {
            var units = plan.Folds.SelectMany(k => plan.Units.Where(u => u.Fold == k && u.Kind == PaperUnitKind.Autoencoder && u.Table == variant.Table)
                .Concat(plan.Units.Where(u => u.Fold == k && u.Variant == variant).OrderBy(u => u.Execution))).ToList();
            if (units.Any(u => !runner.IsFinished(u))) continue;
            var results = new PaperResults();
            var imaged = 0;
            var seconds = 0.0;
            var curvesTaken = false;
            foreach (var unit in units)
            {
                var done = PaperUnitResult.Load(Path.Combine(runner.Folder(unit), PaperUnitResult.FileName));
                imaged = done.Imaged;
                seconds += done.Seconds;
                foreach (var note in done.Notes) results.Note(note);
                foreach (var measurement in done.Measurements) results.Meter.Add(measurement);
                foreach (var repeat in done.Repeats) results.Add(repeat);
                if (done.Sizes is { } sizes) results.AddSizes(sizes);
                if (unit.Kind == PaperUnitKind.Run && !curvesTaken && done.Curves.Count > 0)
                {
                    foreach (var curve in done.Curves) results.Curve(curve.Name, Path.Combine(Path.GetFullPath(folder), curve.Path));
                    curvesTaken = true;
                }
            }
            var outDir = Path.Combine(Path.GetFullPath(folder), "report", variant.Name);
            var table = tables.Table(variant.Table);
            reports.Add((variant, outDir, results.Write(variant.Apply(options), table, tables.Mg, imaged, outDir, TimeSpan.FromSeconds(seconds))));
        }
        return new PaperMergeResult(reports, missing);
    }
}
