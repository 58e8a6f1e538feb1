using System.CommandLine;
using CzSL.Cli.Console;

namespace CzSL.Cli.Commands;

/// <summary>The root <c>czsl</c> command and its verbs, in pipeline order.</summary>
public static class CzslCommand
{
    /// <summary>Builds the command tree, every verb talking to <paramref name="reporter"/>.</summary>
    public static RootCommand Create(IReporter reporter)
    {
        var root = new RootCommand(
            "CzSL: Citizen Science Learning for galaxy images — autoencoder on unlabelled images, CNN pre-trained on " +
            "amateur labels, label transfer, fine-tuning on expert labels; ONNX export and ML.NET scoring. Exit codes: 0 success, " +
            "1 internal error, 2 bad input, 3 failed check, 4 unavailable (network, disk full, CUDA), 130 cancelled (docs/reliability.md).");
        root.Options.Add(new Option<bool>(CommandRunner.VerboseOption)
        {
            Description = "On an internal error (exit 1), also print the stack trace.",
            Recursive = true,
        });
        root.Options.Add(new Option<bool>(CommandRunner.QuietOption)
        {
            Description = "Say only warnings and errors (on the error stream); the exit code says the rest.",
            Recursive = true,
        });
        root.Options.Add(new Option<bool>(CommandRunner.JsonOption)
        {
            Description = "Machine-readable output: one JSON document on standard output (command, exitCode, the result tables as rows keyed by column, messages); warnings and errors on the error stream.",
            Recursive = true,
        });
        root.Subcommands.Add(SimulateCommand.Create(reporter));
        root.Subcommands.Add(Data.DataCommand.Create(reporter));
        root.Subcommands.Add(TrainCommand.Create(reporter));
        root.Subcommands.Add(RecalibrateCommand.Create(reporter));
        root.Subcommands.Add(ExportCommand.Create(reporter));
        root.Subcommands.Add(PredictCommand.Create(reporter));
        root.Subcommands.Add(PredictMergeCommand.Create(reporter));
        root.Subcommands.Add(SuggestCommand.Create(reporter));
        root.Subcommands.Add(DemoCommand.Create(reporter));
        root.Subcommands.Add(CompareCommand.Create(reporter));
        root.Subcommands.Add(ReproduceCommand.Create(reporter));
        root.Subcommands.Add(ReleaseCommand.Create(reporter));
        root.Subcommands.Add(LearningCurveCommand.Create(reporter));
        root.Subcommands.Add(BenchmarkCommand.Create(reporter));
        return root;
    }
}
