using System.CommandLine;
using System.Globalization;
using CzSL.Cli.Console;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Crossmatch;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data crossmatch</c>: pairs each galaxy of a manifest with the nearest entry of another catalogue (e.g. Nair &amp;
/// Abraham 2010 from VizieR) within a radius, and writes the matches as CSV.
/// </summary>
public static class CrossmatchCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var manifest = DataOptions.Manifest("Dataset folder whose manifest.csv has RA/Dec.");
        var catalog = new Option<FileInfo>("--catalog")
        { Description = "The other catalogue: CSV or TSV with RA and Dec columns (degrees or sexagesimal).", Required = true };
        var radius = new Option<double>("--radius")
        { Description = "Search radius in arcsec.", DefaultValueFactory = _ => SkyCrossmatch.DefaultRadiusArcsec };
        var output = new Option<FileInfo>("--out") { Description = "CSV to write the matches to.", Required = true };
        var raColumn = new Option<string?>("--ra-column") { Description = "Catalogue RA column (default: the first of RA, RAJ2000, _RAJ2000, RA_ICRS)." };
        var decColumn = new Option<string?>("--dec-column") { Description = "Catalogue Dec column (default: the first of DEC, DEJ2000, _DEJ2000, DECJ2000, DE_ICRS)." };
        var idColumn = new Option<string?>("--id-column") { Description = "Catalogue id column (default: entries are named by their line)." };
        var columns = new Option<string[]>("--columns")
        { Description = "Catalogue columns to copy into the output (default all).", AllowMultipleArgumentsPerToken = true };
        var delimiter = new Option<string>("--delimiter")
        { Description = "Catalogue field separator: comma, tab, semicolon or pipe.", DefaultValueFactory = _ => "comma" };
        delimiter.AcceptOnlyFromAmong("comma", "tab", "semicolon", "pipe");
        var command = new Command("crossmatch", "Match a manifest's galaxies to another catalogue by sky position (nearest within a radius).")
        {
            manifest, catalog, radius, output, raColumn, decColumn, idColumn, columns, delimiter,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var folder = DataInputs.Folder(parse.GetValue(manifest), "--manifest");
            var catalogPath = DataInputs.File(parse.GetValue(catalog), "--catalog");
            var radiusArcsec = DataInputs.Within(parse.GetValue(radius), 1e-3, 36_000, "--radius");
            var outPath = parse.GetValue(output)!.FullName;
            var keep = parse.GetValue(columns) is { Length: > 0 } c
                ? c.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()
                : null;
            var readOptions = new CatalogReadOptions
            {
                RaColumn = parse.GetValue(raColumn),
                DecColumn = parse.GetValue(decColumn),
                IdColumn = parse.GetValue(idColumn),
                ValueColumns = keep,
                Delimiter = parse.GetValue(delimiter) switch { "tab" => '\t', "semicolon" => ';', "pipe" => '|', _ => ',' },
            };
            var dataset = await reporter.Step($"Reading {Path.Combine(folder, ManifestCsv.FileName)}", _ => DatasetManifest.Load(folder));
            var entries = await reporter.Step($"Reading {catalogPath}", _ => ExternalCatalog.Read(catalogPath, readOptions));
            var result = await reporter.Step($"Matching {dataset.Records.Count:N0} galaxies to {entries.Count:N0} entries within {radiusArcsec.ToString(CultureInfo.InvariantCulture)}″",
                _ => SkyCrossmatch.Match(dataset.Records, entries, radiusArcsec));
            result.WriteCsv(outPath, keep);
            reporter.Table("Crossmatch", ["galaxies", "count"],
            [
                ["in the manifest", dataset.Records.Count.ToString("N0")],
                ["matched", result.Matched.ToString("N0")],
                ["  ambiguous (several entries within the radius; nearest taken)", result.Ambiguous.ToString("N0")],
                ["unmatched (no entry within the radius)", result.UnmatchedIds.Count.ToString("N0")],
                ["without RA/Dec (not searched)", result.NoPositionIds.Count.ToString("N0")],
                ["catalogue entries matched by more than one galaxy", result.SharedEntries.ToString("N0")],
            ]);
            if (result.Matched > 0)
            {
                var separations = result.Matches.Select(m => m.SeparationArcsec).Order().ToArray();
                reporter.Info(string.Create(CultureInfo.InvariantCulture,
                    $"separation: median {separations[separations.Length / 2]:F2}″, max {separations[^1]:F2}″"));
            }
            if (result.NoPositionIds.Count > 0)
                reporter.Warn($"{result.NoPositionIds.Count:N0} galaxies have no RA/Dec (run `czsl data gz1` first): {DataInputs.Sample(result.NoPositionIds)}");
            reporter.Success($"wrote {result.Matched:N0} matches → {outPath}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
