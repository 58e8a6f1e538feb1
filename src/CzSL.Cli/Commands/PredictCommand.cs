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
        var failFast = new Option<bool>("--fail-fast")
        { Description = "Stop at the first image that cannot be read (exit 2, no CSV) instead of giving it an error row." };
        var shard = CommonOptions.Parsed<PredictionShard?>("--shard",
            "Score only shard I of N of the inputs (I/N, 0-based; an input's shard is fixed by a hash of its id); merge the shards' CSVs with predict-merge.",
            text => PredictionShard.Parse(text), null);
        var command = new Command("predict",
            "Score images with an exported model; write id, image, predicted class, one probability per class and an error column. " +
            "An image that cannot be read (missing, corrupt, truncated) gets a row with the reason in 'error' and the others are scored; " +
            "the exit code is 0 when at least one image was scored, 2 when none could be (or at the first bad image with --fail-fast).")
        {
            model, inputs, output, batch, device, failFast, shard,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var images = ImageInputs.Resolve(parse.GetValue(inputs)!);
            if (parse.GetValue(shard) is { } part)
            {
                var all = images.Count;
                images = part.Select(images);
                reporter.Info($"shard {part}: {images.Count:N0} of {all:N0} inputs");
            }
            else if (images.Count == 0) throw new ArgumentException("The inputs name no image files.");
            var summary = await reporter.Step("scoring", progress => GalaxyPredictor.PredictImagesToCsv(parse.GetValue(model)!.FullName,
                images, parse.GetValue(output)!.FullName, OnnxExecutionProvider.ParseDevice(parse.GetValue(device)!),
                new SynchronousProgress<PredictionProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, $"{p.Done:N0}/{p.Total:N0}"))),
                parse.GetValue(batch), cancel, parse.GetValue(failFast)));
            if (summary.Images == 0)
            {
                reporter.Success($"this shard holds none of the inputs: header-only CSV → {summary.OutputCsv}");
                return ExitCodes.Success;
            }
            reporter.Info($"execution provider: {summary.Provider}");
            if (summary.Scored == 0)
            {
                reporter.Error($"none of the {summary.Images:N0} images could be read (first: {summary.FirstError}); the reasons are in the error column of {summary.OutputCsv}");
                return ExitCodes.BadInput;
            }
            if (summary.Failed > 0)
                reporter.Warn($"{summary.Failed:N0} of {summary.Images:N0} images could not be read and have no prediction (first: {summary.FirstError}); see the error column");
            reporter.Table("Prediction summary", ["images", "scored", "failed", "seconds", "images/s", "provider", "output"],
            [[
                summary.Images.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Scored.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
                (summary.Scored / summary.Elapsed.TotalSeconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture), summary.Provider.ToString(), summary.OutputCsv,
            ]]);
            reporter.Success($"{summary.Scored:N0} images scored in {summary.Elapsed.TotalSeconds:F1} s ({summary.Scored / summary.Elapsed.TotalSeconds:N0}/s) → {summary.OutputCsv}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
