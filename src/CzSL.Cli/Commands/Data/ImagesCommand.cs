using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Download;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data images</c>: downloads a colour cutout for every galaxy of a manifest that has RA/Dec (resumable: good
/// images already on disk are kept) and writes the manifest with the image paths.
/// </summary>
public static class ImagesCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var manifest = DataOptions.Manifest("Dataset folder whose manifest.csv has RA/Dec (e.g. after `czsl data gz1`).");
        var output = DataOptions.RequiredOut("Dataset folder to write images/<id>.jpeg, manifest.csv and download-failures.csv into.");
        var size = new Option<int>("--size") { Description = "Cutout width and height in pixels (8–2048).", DefaultValueFactory = _ => 423 };
        var scale = new Option<double?>("--scale")
        { Description = "Arcsec per pixel (default: a 167.5″ field, i.e. 423 native SDSS pixels, whatever --size is)." };
        var url = new Option<string>("--url-template")
        {
            Description = "Request URL with {ra}, {dec}, {scale}, {width}, {height} and optionally {id}.",
            DefaultValueFactory = _ => SdssCutoutOptions.SkyServerDr16Template,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
        var imageFolder = new Option<string>("--image-folder")
        {
            Description = "Image folder relative to --out (e.g. ../mg/images to reuse the images of another dataset folder: good ones are kept).",
            DefaultValueFactory = _ => "images",
        };
        var attempts = new Option<int>("--max-attempts")
        { Description = "Attempts per image on retryable failures (5xx, 429, timeouts...).", DefaultValueFactory = _ => 6 };
        var command = new Command("images",
            "Download SDSS colour cutouts for a manifest's galaxies (resumable, polite retries) and write the manifest with image paths.")
        {
            manifest, output, size, scale, url, concurrency, imageFolder, attempts,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var folder = DataInputs.Folder(parse.GetValue(manifest), "--manifest");
            var outFolder = parse.GetValue(output)!.FullName;
            var options = new SdssCutoutOptions
            {
                OutputFolder = outFolder,
                Size = parse.GetValue(size),
                Scale = parse.GetValue(scale),
                UrlTemplate = parse.GetValue(url)!,
                MaxConcurrency = parse.GetValue(concurrency),
                MaxAttempts = parse.GetValue(attempts),
                ImageFolder = parse.GetValue(imageFolder)!,
            };
            options.Validate();
            using var downloader = new SdssCutoutDownloader(options);
            using var locks = OutputLocks.Acquire(reporter, outFolder, Path.GetDirectoryName(downloader.ImagePath("x")));
            var dataset = await reporter.Step($"Reading {Path.Combine(folder, ManifestCsv.FileName)}", _ => DatasetManifest.Load(folder));
            var records = DataInputs.Rebased(dataset, outFolder);
            var withPosition = records.Count(r => r.Ra is not null && r.Dec is not null);
            if (withPosition < records.Count)
                reporter.Warn($"{records.Count - withPosition:N0} of {records.Count:N0} galaxies have no RA/Dec (run `czsl data gz1` first); they will be listed as failures");

            var summary = await reporter.Step($"Downloading {records.Count:N0} cutouts ({options.Size}×{options.Size}, {options.MaxConcurrency} at a time)",
                progress => downloader.DownloadAsync(records,
                    new SynchronousProgress<DownloadProgress>(p => progress.Report(new StepProgress(p.Done, p.Total, Status(p)))), cancel));
            DatasetManifest.Save(outFolder, summary.Records);
            Describe(reporter, summary);
            reporter.Success($"{summary.Total - summary.Failed:N0} of {summary.Total:N0} galaxies have an image → {Path.Combine(outFolder, ManifestCsv.FileName)} " +
                             $"(images in {Path.GetDirectoryName(downloader.ImagePath("x"))}; failures in {summary.FailuresCsv})");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The live status of a download: progress, rate, ETA and failures so far.</summary>
    public static string Status(DownloadProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var eta = p.Eta is { } e ? $"{(int)e.TotalHours}:{e.Minutes:00}:{e.Seconds:00}" : "–";
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Done:N0}/{p.Total:N0} · {p.ImagesPerSecond:F1} img/s · ETA {eta} · {p.Downloaded:N0} new, {p.AlreadyPresent:N0} kept, {p.Failed:N0} failed");
    }

    /// <summary>Prints the run's counts and the failures by reason.</summary>
    public static void Describe(IReporter reporter, DownloadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        reporter.Table("Cutout download", ["galaxies", "count"],
        [
            ["asked for", summary.Total.ToString("N0")],
            ["downloaded in this run", summary.Downloaded.ToString("N0")],
            ["  of which replaced bad files", summary.Replaced.ToString("N0")],
            ["already on disk and verified", summary.AlreadyPresent.ToString("N0")],
            ["failed", summary.Failed.ToString("N0")],
        ]);
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Requests:N0} requests ({summary.Retries:N0} retries) in {summary.Elapsed.TotalSeconds:F1} s"));
        if (summary.Failed == 0) return;
        reporter.Table("Failures by reason", ["reason", "count", "example"],
            summary.Failures.GroupBy(f => f.Reason).OrderByDescending(g => g.Count()).Select(g => (IReadOnlyList<string>)
                [g.Key.ToString(), g.Count().ToString("N0"), $"{g.First().Id}: {g.First().Message}"]));
        reporter.Warn($"{summary.Failed:N0} galaxies have no image; run the same command again to retry them (images already fetched are kept)");
    }
}
