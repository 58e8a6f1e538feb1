using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Download;
using CzSL.DataPrep.Gz1;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data gz1</c>: gives the galaxies of a manifest their RA/Dec from the public Galaxy Zoo 1 data-release table
/// (matched by OBJID), the positions the cutout downloader needs.
/// </summary>
public static class Gz1Command
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var table = new Option<string>("--table")
        {
            Description = "The GZ1 data-release table 2 (GalaxyZoo1_DR_table2.csv): a local path or an http(s) URL (downloaded once to the cache).",
            Required = true,
        };
        var manifest = DataOptions.Manifest("Dataset folder whose manifest.csv lists the galaxies (ids = SDSS DR7 objIDs), e.g. out of `czsl data paper`.");
        var output = new Option<DirectoryInfo?>("--out")
        { Description = "Folder to write the manifest with RA/Dec into (default: replace the one in --manifest)." };
        var cache = new Option<DirectoryInfo?>("--cache")
        { Description = $"Where a URL is downloaded to (default {Gz1TableOptions.DefaultCacheFolder})." };
        var refresh = new Option<bool>("--refresh") { Description = "Download a URL again even when the cache has it." };
        var attempts = new Option<int>("--max-attempts")
        { Description = "Attempts for a URL on retryable failures (5xx, 429, timeouts, cut transfers, an error page instead of the table).", DefaultValueFactory = _ => new HttpRetryPolicy().MaxAttempts };
        var command = new Command("gz1", "Attach RA/Dec from the public Galaxy Zoo 1 table to a manifest's galaxies, by OBJID.")
        {
            table, manifest, output, cache, refresh, attempts,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var source = parse.GetValue(table)!;
            var folder = DataInputs.Folder(parse.GetValue(manifest), "--manifest");
            var outFolder = parse.GetValue(output)?.FullName ?? folder;
            var options = new Gz1TableOptions
            {
                CacheFolder = parse.GetValue(cache)?.FullName ?? Gz1TableOptions.DefaultCacheFolder,
                Refresh = parse.GetValue(refresh),
                Retry = new HttpRetryPolicy { MaxAttempts = parse.GetValue(attempts) },
            };
            using var locks = OutputLocks.Acquire(reporter, outFolder);
            var dataset = await reporter.Step($"Reading {Path.Combine(folder, ManifestCsv.FileName)}", _ => DatasetManifest.Load(folder));
            var gz1 = await reporter.Step($"Reading the GZ1 table {source}", _ => Gz1Table.ReadAsync(source, options, cancel));
            var attached = gz1.AttachPositions(DataInputs.Rebased(dataset, outFolder));
            DatasetManifest.Save(outFolder, attached.Records);
            reporter.Table("GZ1 positions", ["galaxies", "count"],
            [
                ["in the manifest", dataset.Records.Count.ToString("N0")],
                ["in the GZ1 table", gz1.Rows.Count.ToString("N0")],
                ["matched (RA/Dec attached)", attached.Matched.ToString("N0")],
                ["not in the GZ1 table", attached.UnmatchedIds.Count.ToString("N0")],
            ]);
            if (attached.UnmatchedIds.Count > 0)
                reporter.Warn($"{attached.UnmatchedIds.Count:N0} galaxies are not in {gz1.Path} and keep no position: {DataInputs.Sample(attached.UnmatchedIds)}");
            reporter.Success($"wrote {attached.Records.Count:N0} galaxies ({attached.Matched:N0} with RA/Dec) → {Path.Combine(outFolder, ManifestCsv.FileName)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
