using System.CommandLine;
using System.Diagnostics;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Paper;
using CzSL.DataPrep.Simulation;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data calibration</c>: how volunteer votes relate to expert labels on the paper's real tables, side by side
/// with a simulated dataset (an existing one, or N galaxies simulated on the fly).
/// </summary>
public static class CalibrationCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var tables = DataOptions.Tables();
        var simulated = new Option<DirectoryInfo?>("--simulated")
        { Description = "A simulated dataset folder (manifest.csv from `czsl simulate`) to compare with the real tables." };
        var simulateCount = new Option<int?>("--simulate-count")
        { Description = "Simulate this many galaxies' votes and expert labels (no images) to compare with the real tables." };
        var expertFraction = new Option<double>("--expert-fraction")
        {
            Description = "With --simulate-count: fraction of simulated galaxies given expert labels (1 = every statistic uses all of them).",
            DefaultValueFactory = _ => 1.0,
        };
        var seed = CommonOptions.Seed(1);
        var markdown = DataOptions.Markdown();
        var command = new Command("calibration",
            "Amateur votes vs expert labels: the paper's real tables side by side with simulated volunteers and experts.")
        {
            tables, simulated, simulateCount, expertFraction, seed, markdown,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            var folder = DataInputs.Folder(parse.GetValue(tables), "--tables");
            var simulatedFolder = parse.GetValue(simulated);
            var count = parse.GetValue(simulateCount);
            if (simulatedFolder is not null && count is not null)
                throw new ArgumentException("Give --simulated or --simulate-count, not both.");
            if (count is { } c) DataInputs.AtLeast(c, 1, "--simulate-count");
            var fraction = DataInputs.Within(parse.GetValue(expertFraction), 0, 1, "--expert-fraction");

            var paper = await reporter.Step("Reading the paper's tables (checksums verified)", _ => PaperTables.Load(folder));
            var real = Real(paper);
            var sources = new List<(string Name, VoteCalibrationReport Report)> { ("real (paper tables)", real.Pooled) };
            if (simulatedFolder is not null)
            {
                var path = DataInputs.Folder(simulatedFolder, "--simulated");
                var manifest = await reporter.Step($"Reading {path}", _ => DatasetManifest.Load(path));
                sources.Add(($"simulated ({manifest.Records.Count:N0}, {Path.GetFileName(manifest.Folder)})", VoteCalibration.Compute(manifest.Records)));
            }
            else if (count is { } n)
            {
                var options = new SimulationOptions { Count = n, ExpertFraction = fraction, Seed = (ulong)parse.GetValue(seed) };
                var records = await reporter.Step($"Simulating {n:N0} galaxies' votes and expert labels", progress =>
                    new GalaxySimulator(options).SimulateRecords(
                        new SynchronousProgress<SimulationProgress>(p => progress.Report(new StepProgress(p.Completed, p.Total, $"{p.Completed:N0}/{p.Total:N0}"))),
                        cancel));
                sources.Add(($"simulated ({n:N0}, seed {options.Seed})", VoteCalibration.Compute(records)));
            }

            var pooled = VoteCalibrationTable.Render(sources);
            var headline = Headline(real.Folded, sources.Skip(1).ToArray());
            MarkdownReport.Show(reporter, "Vote calibration: all galaxies pooled", pooled);
            MarkdownReport.Show(reporter, "Headline figures: real mean ± sd over the paper's 5 test folds", headline);
            var sourcesNote = $"real: ES, ERL and clean-flag rows from the ESRL table ({paper.Esrl.Records.Count:N0} galaxies; clean flag = the published " +
                              $"AMATEUR column), MG rows from the MG table ({paper.Mg.Records.Count:N0} galaxies; merger flag = the published MG_AMATEUR column)." +
                              (sources.Count > 1 ? " simulated: clean flag = EL_DEB or CS_DEB ≥ 0.8 (raw vote fractions where there are no debiased ones), " +
                                                   "merger flag = merger votes ≥ 50%." : "");
            reporter.Info(sourcesNote);
            if (parse.GetValue(markdown) is { } file)
            {
                MarkdownReport.Write(file.FullName, "Vote calibration: real vs simulated", DataCommandLine.Of(parse), clock.Elapsed,
                [
                    ("All galaxies pooled", pooled),
                    ("Headline figures (real: mean ± sd over the paper's 5 test folds)", headline),
                    ("Sources", sourcesNote),
                ]);
                reporter.Success($"calibration written → {file.FullName}");
            }
            else reporter.Success("calibration done (add --markdown FILE to keep the tables)");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The real side: statistics pooled over all galaxies (ES, ERL and the clean flag from the ESRL table, the merger
    /// rows from the MG table, each with its published amateur flags) and per fold (<see cref="PaperTables.Calibration"/>).
    /// </summary>
    public static (VoteCalibrationReport Pooled, (FoldedVoteCalibration Esrl, FoldedVoteCalibration Mg) Folded) Real(PaperTables paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var esrl = VoteCalibration.Compute(paper.Esrl.Records, paper.Esrl.CalibrationOptions());
        var mg = VoteCalibration.Compute(paper.Mg.Records, paper.Mg.CalibrationOptions());
        return (esrl with { Merger = mg.Merger }, paper.Calibration());
    }

    /// <summary>Markdown table of the headline statistics: real mean ± sd over folds, then each other source's pooled value.</summary>
    public static string Headline((FoldedVoteCalibration Esrl, FoldedVoteCalibration Mg) real,
        IReadOnlyList<(string Name, VoteCalibrationReport Report)> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        static string Pct(MeanSd? v) => v is { } m ? m.Format(1, 100) + "%" : "–";
        static string Num(MeanSd? v) => v is { } m ? m.Format(3) : "–";
        static string PctOf(double? v) => v is { } x ? (100 * x).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
        static string NumOf(double? v) => v is { } x ? x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "–";
        var rows = new (string Label, string Real, Func<VoteCalibrationReport, string> Other)[]
        {
            ("ES majority agreement", Pct(real.Esrl.EsMajority), r => PctOf(r.EsMajority?.Agreement)),
            ("ES majority-class baseline", Pct(real.Esrl.EsMajorityClassBaseline), r => PctOf(r.EsMajorityClassBaseline)),
            ("ERL majority agreement", Pct(real.Esrl.ErlMajority), r => PctOf(r.ErlMajority?.Agreement)),
            ("clean flag coverage", Pct(real.Esrl.CleanCoverage), r => PctOf(r.CleanFlag?.Coverage)),
            ("clean flag agreement", Pct(real.Esrl.CleanAgreement), r => PctOf(r.CleanFlag?.Agreement)),
            ("MG flag G-mean", Num(real.Mg.MergerGMean), r => NumOf(r.Merger?.GMean)),
            ("MG vote-fraction AUC", Num(real.Mg.MergerAuc), r => NumOf(r.Merger?.VoteFractionAuc)),
        };
        var text = new System.Text.StringBuilder();
        text.Append("| statistic | real (5 folds) |").AppendJoin("", others.Select(o => $" {o.Name} |")).AppendLine();
        text.Append("|---|---:|").AppendJoin("", others.Select(_ => "---:|")).AppendLine();
        foreach (var (label, realCell, other) in rows)
            text.Append("| ").Append(label).Append(" | ").Append(realCell).Append(" |")
                .AppendJoin("", others.Select(o => $" {other(o.Report)} |")).AppendLine();
        return text.ToString();
    }
}
