using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.MLNet.Scoring;

namespace CzSL.Cli.Commands;

/// <summary>
/// <c>czsl predict-merge</c>: joins the CSVs of a sharded <c>predict --shard I/N</c> run into one, in the inputs' order,
/// after checking that every input appears exactly once (exit 2 naming the first missing or repeated one).
/// </summary>
public static class PredictMergeCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var shards = new Argument<FileInfo[]>("shards") { Description = "The shards' prediction CSVs.", Arity = ArgumentArity.OneOrMore };
        var inputs = new Option<string[]>("--inputs")
        {
            Description = "The inputs the shards were run on (the same image files, folders, manifest or list as given to predict).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Merged predictions CSV.", DefaultValueFactory = _ => new FileInfo("predictions.csv") };
        var command = new Command("predict-merge",
            "Merge the prediction CSVs of a sharded predict run, checking that every input appears exactly once.") { shards, inputs, output };
        command.SetAction((parse, _) => CommandRunner.Run(reporter, parse, () =>
        {
            var summary = PredictionShardMerge.Merge(ImageInputs.Resolve(parse.GetValue(inputs)!),
                parse.GetValue(shards)!.Select(f => f.FullName).ToList(), parse.GetValue(output)!.FullName);
            reporter.Success($"{summary.Rows:N0} predictions from {summary.Shards} shards, every input exactly once → {summary.OutputCsv}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
