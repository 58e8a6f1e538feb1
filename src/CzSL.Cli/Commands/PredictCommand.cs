using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.MLNet.Scoring;

namespace CzSL.Cli.Commands;

/// <summary><c>czsl predict</c>: class probabilities for images, a folder or a manifest, as CSV (ONNX Runtime, batched).</summary>
public static class PredictCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var model = new Option<FileInfo>("--model") { Description = "Model card (NAME.card.json).", Required = true };
        var inputs = new Argument<string[]>("inputs") { Description = "Image files, folders, a manifest.csv or a .txt list of paths." };
        var output = new Option<FileInfo>("--out") { Description = "Predictions CSV.", DefaultValueFactory = _ => new FileInfo("predictions.csv") };
        var batch = new Option<int>("--batch") { Description = "Images per ONNX Runtime call.", DefaultValueFactory = _ => GalaxyPredictor.DefaultBatchSize };
        var device = CommonOptions.Device();
        var command = new Command("predict", "Score images with an exported model; write id, image, predicted class and one probability per class.")
        {
            model, inputs, output, batch, device,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, async () =>
        {
            var summary = await reporter.Step("scoring", progress => GalaxyPredictor.PredictToCsv(parse.GetValue(model)!.FullName,
                parse.GetValue(inputs)!, parse.GetValue(output)!.FullName, OnnxExecutionProvider.ParseDevice(parse.GetValue(device)!),
                new Progress<PredictionProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, $"{p.Done:N0}/{p.Total:N0}"))),
                parse.GetValue(batch), cancel));
            reporter.Info($"execution provider: {summary.Provider}");
            reporter.Success($"{summary.Images:N0} images in {summary.Elapsed.TotalSeconds:F1} s ({summary.Images / summary.Elapsed.TotalSeconds:N0}/s) → {summary.OutputCsv}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
