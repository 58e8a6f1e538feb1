using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.DataPrep.Simulation;

namespace CzSL.Cli.Commands;

/// <summary><c>czsl simulate</c>: writes a simulated galaxy dataset (images, volunteer votes, expert labels, truth).</summary>
public static class SimulateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var count = new Option<int>("--count") { Description = "Number of galaxies.", DefaultValueFactory = _ => 10_000 };
        var size = new Option<int>("--size") { Description = "Image width and height in pixels.", DefaultValueFactory = _ => 64 };
        var expert = new Option<double>("--expert-fraction")
        { Description = "Fraction of galaxies with expert labels.", DefaultValueFactory = _ => 0.05 };
        var seed = CommonOptions.Seed(1);
        var output = CommonOptions.Out("data/simulated");
        var command = new Command("simulate", "Simulate galaxies: images, Galaxy Zoo-style volunteer votes, expert labels and truth.")
        {
            count, size, expert, seed, output,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var options = new SimulationOptions
            {
                Count = parse.GetValue(count),
                Size = parse.GetValue(size),
                ExpertFraction = parse.GetValue(expert),
                Seed = (ulong)parse.GetValue(seed),
            };
            var folder = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, folder);
            var summary = await Run(reporter, options, folder, cancel);
            Describe(reporter, summary);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Simulates with a progress display.</summary>
    public static Task<SimulationSummary> Run(IReporter reporter, SimulationOptions options, string folder, CancellationToken cancel) =>
        reporter.Step($"Simulating {options.Count:N0} galaxies ({options.Size}×{options.Size})", progress =>
            new GalaxySimulator(options).Simulate(folder,
                new SynchronousProgress<SimulationProgress>(p => progress.Report(new StepProgress(p.Completed, p.Total, $"{p.Completed:N0}/{p.Total:N0}"))),
                cancel));

    /// <summary>Prints the dataset summary.</summary>
    public static void Describe(IReporter reporter, SimulationSummary summary)
    {
        reporter.Table("Simulated galaxies by true type", ["type", "count", "share"],
            summary.TypeCounts.Select(kv => (IReadOnlyList<string>)
                [kv.Key, kv.Value.ToString("N0"), (100.0 * kv.Value / summary.Count).ToString("F1") + "%"]));
        var a = summary.AgreementWithTruth;
        reporter.Info($"votes per galaxy: min {summary.Votes.Min}, median {summary.Votes.Median}, max {summary.Votes.Max}; " +
                      $"expert-labelled: {summary.ExpertCount:N0}");
        reporter.Info($"volunteer majority vs truth: ES {a.ESAccuracy:P1}, ERL {a.ERLAccuracy:P1}, merger flag G-mean {a.MergerGMean:F3}");
        reporter.Success($"wrote {summary.Count:N0} galaxies in {summary.Elapsed.TotalSeconds:F1} s → {summary.ManifestPath}");
    }
}
