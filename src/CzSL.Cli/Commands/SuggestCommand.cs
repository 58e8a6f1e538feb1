using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Active;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl suggest</c>: which galaxies of a dataset experts should label next, with why and the expected gain.
/// The galaxies with the scenario's expert label train the transfer model; the others are candidates.
/// </summary>
public static class SuggestCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv with votes and the expert labels so far).", Required = true };
        var scenario = CommonOptions.Scenario();
        var budget = new Option<int>("--budget") { Description = "How many galaxies to suggest.", Required = true };
        var strategy = CommonOptions.Parsed("--strategy",
            $"Strategy: {string.Join(", ", ActiveStrategies.All.Select(s => s.Name()))} (model-based ones fall back to vote-margin without labels of every class).",
            ActiveStrategies.Parse, ActiveStrategy.Uncertainty);
        var seed = CommonOptions.Seed(1);
        var output = new Option<FileInfo>("--out") { Description = "CSV to write (rank, id, strategy, reason, probability, margin, disagreement, expected_gain).", Required = true };
        var command = new Command("suggest", "Suggest the galaxies experts should label next (active learning on the votes).")
        {
            data, scenario, budget, strategy, seed, output,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var n = parse.GetValue(budget);
            if (n < 1) throw new ArgumentException("--budget: give at least 1 galaxy.");
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var chosen = CommonOptions.Resolve(parse.GetValue(scenario), manifest.Tasks);
            for (var i = 0; i < manifest.Records.Count; i++)
                if (manifest.Records[i].Votes is not { Total: > 0 })
                    throw new ManifestFormatException(manifest.ManifestPath, manifest.LineOf(i), ManifestColumns.NEl,
                        $"galaxy {manifest.Records[i].Id} has no votes: suggestions read every galaxy's votes");
            var asked = parse.GetValue(strategy);
            var suggestion = await reporter.Step($"Choosing {n} galaxies by {asked.Name()}", _ =>
                Suggestion.For(manifest.Records, chosen, n, asked, (ulong)parse.GetValue(seed)));
            if (suggestion.FellBack)
                reporter.Warn($"{asked.Name()} needs expert labels of every {chosen} class ({suggestion.Labelled} labelled so far): used the label-free {suggestion.Used.Name()} instead.");
            var file = parse.GetValue(output)!.FullName;
            suggestion.Write(file);
            reporter.Success($"{suggestion.Picks.Count} suggestions by {suggestion.Used.Name()} ({suggestion.Labelled} already labelled) → {file}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
