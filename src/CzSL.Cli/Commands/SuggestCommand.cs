using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Active;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl suggest</c>: which galaxies of a dataset experts should label next, with why and the expected gain.
/// The galaxies with the scenario's expert label are known; the others are candidates. The vote strategies read the
/// votes (and train the transfer model on the labelled galaxies); the <c>cnn-*</c> strategies score the candidates'
/// images with a trained CNN (<c>--model</c>) and need no votes.
/// </summary>
public static class SuggestCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv with votes or images, and the expert labels so far).", Required = true };
        var scenario = CommonOptions.Scenario();
        var budget = new Option<int>("--budget") { Description = "How many galaxies to suggest.", Required = true };
        var strategy = CommonOptions.Parsed("--strategy",
            $"Strategy: {string.Join(", ", ActiveStrategies.All.Select(s => s.Name()))}. The vote ones read the votes (model-based ones fall back to " +
            "vote-margin without labels of every class); the cnn-* ones score the images with --model.",
            ActiveStrategies.Parse, ActiveStrategy.Uncertainty);
        var model = new Option<FileInfo?>("--model")
        { Description = "cnn-* strategies: the trained classifier's card (NAME.card.json) for the scenario's classes. Refused with a vote strategy." };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed(1);
        var output = new Option<FileInfo>("--out") { Description = "CSV to write (rank, id, strategy, reason, probability, margin, disagreement, expected_gain, uncertainty).", Required = true };
        var command = new Command("suggest", "Suggest the galaxies experts should label next (active learning on the votes, or on a CNN's uncertainty about the images).")
        {
            data, scenario, budget, strategy, model, device, seed, output,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var n = parse.GetValue(budget);
            if (n < 1) throw new ArgumentException("--budget: give at least 1 galaxy.");
            var asked = parse.GetValue(strategy);
            var card = parse.GetValue(model);
            if (asked.NeedsImages() && card is null)
                throw new ArgumentException($"--strategy {asked.Name()} scores the images with a trained CNN: give its card with --model NAME.card.json.");
            if (!asked.NeedsImages() && card is not null)
                throw new ArgumentException($"--model is read only by the cnn-* strategies; {asked.Name()} reads the votes (drop --model or pick a cnn-* strategy).");
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var chosen = CommonOptions.Resolve(parse.GetValue(scenario), manifest.Tasks);
            var seedValue = (ulong)parse.GetValue(seed);
            var suggestion = asked.NeedsImages()
                ? await FromImages(reporter, manifest, chosen, n, asked, seedValue, card!.FullName, OnnxExecutionProvider.ParseDevice(parse.GetValue(device)!))
                : await FromVotes(reporter, manifest, chosen, n, asked, seedValue);
            var file = parse.GetValue(output)!.FullName;
            suggestion.Write(file);
            reporter.Success($"{suggestion.Picks.Count} suggestions by {suggestion.Used.Name()} ({suggestion.Labelled} already labelled) → {file}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<Suggestion> FromVotes(IReporter reporter, DatasetManifest manifest, Scenario scenario, int n, ActiveStrategy asked, ulong seed)
    {
        for (var i = 0; i < manifest.Records.Count; i++)
            if (manifest.Records[i].Votes is not { Total: > 0 })
                throw new ManifestFormatException(manifest.ManifestPath, manifest.LineOf(i), ManifestColumns.NEl,
                    $"galaxy {manifest.Records[i].Id} has no votes: {asked.Name()} reads every galaxy's votes (the cnn-* strategies read images instead)");
        var suggestion = await reporter.Step($"Choosing {n} galaxies by {asked.Name()}", _ =>
            Suggestion.For(manifest.Records, scenario, n, asked, seed));
        if (suggestion.FellBack)
            reporter.Warn($"{asked.Name()} needs expert labels of every {scenario} class ({suggestion.Labelled} labelled so far): used the label-free {suggestion.Used.Name()} instead.");
        return suggestion;
    }

    private static async Task<Suggestion> FromImages(IReporter reporter, DatasetManifest manifest, Scenario scenario, int n, ActiveStrategy asked,
        ulong seed, string card, ScoringDevice device)
    {
        var result = await reporter.Step($"Scoring the images and choosing {n} galaxies by {asked.Name()}", progress =>
            ImageSuggestion.For(manifest, scenario, n, asked, seed, card, device,
                progress: new SynchronousProgress<PredictionProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, $"{p.Done:N0}/{p.Total:N0} images")))));
        if (result.Unreadable.Count > 0)
            reporter.Warn($"{result.Unreadable.Count:N0} of the images could not be read and were not considered (first: {result.Unreadable[0].Error})");
        if (result.WithoutImage > 0)
            reporter.Info($"{result.WithoutImage:N0} galaxies without a {scenario} expert label have no image: not candidates");
        return result.Suggestion;
    }
}
