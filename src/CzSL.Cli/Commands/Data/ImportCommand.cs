using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.DataPrep.Import;

namespace CzSL.Cli.Commands.Data;

/// <summary><c>czsl data import</c>: any image folder plus a label CSV → a dataset manifest (e.g. the Kaggle Galaxy Zoo 2 data).</summary>
public static class ImportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var images = new Option<DirectoryInfo>("--images") { Description = "Folder holding the images.", Required = true };
        var labels = new Option<FileInfo>("--labels") { Description = "CSV with one row per galaxy: an id column plus optional labels.", Required = true };
        var output = DataOptions.RequiredOut("Dataset folder to write manifest.csv into (image paths are written relative to it).");
        var kaggle = new Option<bool>("--kaggle-gz2")
        {
            Description = "The Kaggle Galaxy Zoo 2 challenge layout: id GalaxyID, images <id>.jpg, vote fractions Class1.1 … Class8.6 " +
                          "(GZ2 has no winding direction: ES and MG work, ERL does not).",
        };
        var idColumn = new Option<string?>("--id-column") { Description = "Label-CSV column holding the galaxy id (required unless --kaggle-gz2)." };
        var pattern = new Option<string?>("--image-pattern")
        { Description = "Image file name of a galaxy relative to --images; {id} is the id (default {id}.jpg)." };
        var votes = new Option<string?>("--votes")
        {
            Description = "Vote-fraction columns, comma-separated: ELLIPTICAL,SPIRAL[,EDGE_ON[,DONT_KNOW[,MERGER]]] (counts = round(fraction × --nominal-votes)).",
        };
        var nominal = new Option<int?>("--nominal-votes")
        { Description = "Nominal number of classifications that turns fractions into counts (default 40)." };
        var consensus = new Option<string?>("--consensus-column") { Description = "Column with a GZ1 consensus class (name or number 0–5)." };
        var ra = new Option<string?>("--ra-column") { Description = "Right-ascension column (degrees or sexagesimal hours); needs --dec-column." };
        var dec = new Option<string?>("--dec-column") { Description = "Declination column (degrees or sexagesimal); needs --ra-column." };
        var skipMissing = new Option<bool>("--skip-missing-images")
        { Description = "Leave out label rows whose image is missing instead of failing on the first one." };
        var command = new Command("import", "Import an image folder and a label CSV as a dataset manifest (generic, or the Kaggle GZ2 layout).")
        {
            images, labels, output, kaggle, idColumn, pattern, votes, nominal, consensus, ra, dec, skipMissing,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var imageFolder = DataInputs.Folder(parse.GetValue(images), "--images");
            var labelCsv = DataInputs.File(parse.GetValue(labels), "--labels");
            var outFolder = parse.GetValue(output)!.FullName;
            using var locks = OutputLocks.Acquire(reporter, outFolder);
            var preset = parse.GetValue(kaggle)
                ? ImageFolderImportOptions.KaggleGz2(imageFolder, outFolder) with { ImageFolder = imageFolder, LabelCsv = labelCsv }
                : new ImageFolderImportOptions
                {
                    ImageFolder = imageFolder,
                    LabelCsv = labelCsv,
                    OutputFolder = outFolder,
                    IdColumn = parse.GetValue(idColumn) ?? throw new ArgumentException("--id-column is required unless --kaggle-gz2 is given."),
                };
            var options = preset with
            {
                IdColumn = parse.GetValue(idColumn) ?? preset.IdColumn,
                ImageNamePattern = parse.GetValue(pattern) ?? preset.ImageNamePattern,
                VoteFractions = parse.GetValue(votes) is { } v ? VoteColumns(v) : preset.VoteFractions,
                NominalVotes = parse.GetValue(nominal) ?? preset.NominalVotes,
                ConsensusColumn = parse.GetValue(consensus),
                RaColumn = parse.GetValue(ra),
                DecColumn = parse.GetValue(dec),
                SkipMissingImages = parse.GetValue(skipMissing),
            };
            var summary = await reporter.Step($"Importing {labelCsv}", _ => ImageFolderImport.Run(options));
            var records = summary.Records;
            reporter.Table("Imported galaxies", ["galaxies", "count"],
            [
                ["imported (label row + image)", records.Count.ToString("N0")],
                ["with vote counts", records.Count(r => r.Votes is not null).ToString("N0")],
                ["with GZ1 consensus class", records.Count(r => r.Consensus is not null).ToString("N0")],
                ["with RA/Dec", records.Count(r => r.Ra is not null).ToString("N0")],
                ["label rows left out (no image)", summary.MissingImageIds.Count.ToString("N0")],
                ["images without a label row", summary.UnlabelledImages.ToString("N0")],
            ]);
            if (summary.MissingImageIds.Count > 0)
                reporter.Warn($"label rows without an image: {DataInputs.Sample(summary.MissingImageIds)}");
            if (parse.GetValue(kaggle))
                reporter.Info("Kaggle GZ2: clockwise/anticlockwise votes are an even split of the face-on spiral votes (GZ2 records no winding): do not use ERL labels from it");
            reporter.Success($"wrote {records.Count:N0} galaxies → {summary.ManifestPath}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Parses <c>EL,SPIRAL[,EDGE[,DK[,MG]]]</c> into vote-fraction columns.</summary>
    public static VoteFractionColumns VoteColumns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length is < 2 or > 5 || names.Any(n => n.Length == 0))
            throw new ArgumentException($"--votes: expected 2 to 5 non-empty column names (ELLIPTICAL,SPIRAL[,EDGE_ON[,DONT_KNOW[,MERGER]]]), got '{text}'.");
        string? At(int i) => i < names.Length ? names[i] : null;
        return new VoteFractionColumns(names[0], names[1], At(2), At(3), At(4));
    }
}
