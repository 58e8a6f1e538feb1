using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline;

namespace CzSL.Cli.Commands;

/// <summary><c>czsl compare</c>: the comparison on an existing dataset folder (simulated or real).</summary>
public static class CompareCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder (manifest.csv + images).", Required = true };
        var kfold = new Option<int?>("--kfold")
        { Description = "Test by repeated stratified k-fold over the expert-labelled galaxies (for few experts, e.g. 5) instead of holdout repeats." };
        var testFraction = new Option<double>("--test-fraction")
        { Description = "Holdout: share of the expert-labelled galaxies tested in each repeat.", DefaultValueFactory = _ => 2.0 / 3 };
        var output = CommonOptions.Out("runs/compare");
        var models = new Option<DirectoryInfo?>("--models") { Description = "Where exported models go (default OUT/models)." };
        var experiment = new ExperimentOptions();
        var command = new Command("compare", "Compare CzSL, its ablations and classical ML.NET baselines on a dataset; write the report.")
        {
            data, kfold, testFraction, output, models,
        };
        experiment.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var folder = parse.GetValue(data)!.FullName;
            var manifest = DatasetManifest.Load(folder);
            var settings = experiment.Read(parse, DemoCommand.Full, manifest.Tasks) with { TestFraction = parse.GetValue(testFraction) };
            var k = parse.GetValue(kfold);
            var splits = k is { } folds
                ? ExperimentSplits.KFold(manifest.Records, folds, settings.Repeats, (ulong)settings.Seed)
                : ExperimentSplits.Holdout(manifest.Records, settings.Repeats, settings.TestFraction, (ulong)settings.Seed);
            var outDir = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, outDir, parse.GetValue(models)?.FullName);
            var description = k is null ? $"dataset {folder}" : $"dataset {folder}; {k}-fold × {settings.Repeats} over the expert-labelled galaxies";
            await ComparisonCommand.Run(reporter, settings, manifest, splits, outDir, parse.GetValue(models)?.FullName, description,
                parse.GetValue(experiment.Device)!, parse.GetValue(experiment.Threads), cancel);
            return ExitCodes.Success;
        }));
        return command;
    }
}
