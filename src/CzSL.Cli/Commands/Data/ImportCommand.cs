using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Import;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data import</c>: any image folder plus a label CSV → a dataset manifest (e.g. the Kaggle Galaxy Zoo 2 data),
/// or a folder per class (<c>--class-folders</c>) → a dataset of a user's own task (<c>--task</c>, tasks.json).
/// </summary>
public static class ImportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var images = new Option<DirectoryInfo>("--images") { Description = "Folder holding the images.", Required = true };
        var labels = new Option<FileInfo?>("--labels") { Description = "CSV with one row per galaxy: an id column plus optional labels (required unless --class-folders)." };
        var classFolders = new Option<bool>("--class-folders")
        { Description = "--images holds one subfolder per class (IMAGES/CLASS/*.png|jpg): the folder names label the --task; no label CSV." };
        var task = CommonOptions.Parsed<TaskName?>("--task",
            "Name of the dataset's own task the labels belong to (declared in tasks.json; lower-case letters, digits, _).", s => TaskName.Parse(s), null);
        var classes = new Option<string?>("--classes")
        { Description = "The task's class names in output order, comma-separated (default: the class folders' names, or the labels found, sorted)." };
        var metric = CommonOptions.Parsed("--metric", "How the task is scored: accuracy, or gmean-auc (imbalanced binary, the second class the rare one).",
            ParseMetric, TaskMetric.Accuracy);
        var expertColumn = new Option<string?>("--expert-column") { Description = "Label-CSV column with the task's expert labels (class names)." };
        var amateurColumn = new Option<string?>("--amateur-column") { Description = "Label-CSV column with the task's amateur labels (class names)." };
        var voteColumns = new Option<string?>("--vote-columns")
        { Description = "Label-CSV vote-count columns of the task, one per class in --classes order, comma-separated." };
        var folderLabels = CommonOptions.Parsed("--folder-labels", "With --class-folders: the folder labels are amateur (default) or expert labels.",
            s => Enum.TryParse<LabelKind>(s, ignoreCase: true, out var k) ? k : throw new FormatException($"'{s}' is not amateur or expert."), LabelKind.Amateur);
        var expertFraction = new Option<double?>("--expert-fraction")
        { Description = "Treat this share (0–1) of the task's amateur labels, drawn per class with --seed, as expert labels instead." };
        var seed = CommonOptions.Seed(1);
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
            classFolders, task, classes, metric, expertColumn, amateurColumn, voteColumns, folderLabels, expertFraction, seed,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var imageFolder = DataInputs.Folder(parse.GetValue(images), "--images");
            var outFolder = parse.GetValue(output)!.FullName;
            var taskImport = parse.GetValue(task) is { } taskName
                ? new TaskImport
                {
                    Name = taskName.Value,
                    Classes = parse.GetValue(classes) is { } c ? Names(c, "--classes") : null,
                    Metric = parse.GetValue(metric),
                    ExpertColumn = parse.GetValue(expertColumn),
                    AmateurColumn = parse.GetValue(amateurColumn),
                    VoteColumns = parse.GetValue(voteColumns) is { } vc ? Names(vc, "--vote-columns") : null,
                    ExpertFraction = parse.GetValue(expertFraction) is { } f ? DataInputs.Within(f, 0, 1, "--expert-fraction") : null,
                    Seed = (ulong)parse.GetValue(seed),
                }
                : null;
            if (parse.GetValue(classFolders))
            {
                if (parse.GetValue(labels) is not null) throw new ArgumentException("--class-folders takes its labels from the folder names: leave out --labels.");
                var folderTask = taskImport ?? throw new ArgumentException("--class-folders needs --task NAME: the task the folder names label.");
                using var folderLocks = OutputLocks.Acquire(reporter, outFolder);
                var imported = await reporter.Step($"Importing class folders of {imageFolder}", _ => ClassFolderImport.Run(new ClassFolderImportOptions
                {
                    ImageFolder = imageFolder, OutputFolder = outFolder, Task = folderTask, Labels = parse.GetValue(folderLabels),
                }));
                TaskTable(reporter, imported);
                reporter.Success($"wrote {imported.Records.Count:N0} images → {imported.ManifestPath} (+ {TaskFile.FileName})");
                return ExitCodes.Success;
            }
            if (taskImport is null && new object?[] { parse.GetValue(expertColumn), parse.GetValue(amateurColumn), parse.GetValue(voteColumns), parse.GetValue(expertFraction) }.Any(o => o is not null))
                throw new ArgumentException("--expert-column, --amateur-column, --vote-columns and --expert-fraction label a task: give --task NAME.");
            var labelCsv = DataInputs.File(parse.GetValue(labels) ?? throw new ArgumentException("--labels is required unless --class-folders is given."), "--labels");
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
                Task = taskImport,
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
            if (summary.Task is not null) TaskTable(reporter, summary);
            if (summary.MissingImageIds.Count > 0)
                reporter.Warn($"label rows without an image: {DataInputs.Sample(summary.MissingImageIds)}");
            if (parse.GetValue(kaggle))
                reporter.Info("Kaggle GZ2: clockwise/anticlockwise votes are an even split of the face-on spiral votes (GZ2 records no winding): do not use ERL labels from it");
            reporter.Success($"wrote {records.Count:N0} galaxies → {summary.ManifestPath}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>How many galaxies carry each kind of label of the imported task.</summary>
    private static void TaskTable(IReporter reporter, ImportSummary summary)
    {
        var task = summary.Task!;
        var labels = summary.Records.Select(r => r.Task(task)).ToList();
        reporter.Table($"Task {task} ({string.Join(", ", task.ClassNames)})", ["labels", "count"],
        [
            ["expert labels", labels.Count(l => l?.Expert is not null).ToString("N0")],
            ["amateur labels", labels.Count(l => l?.Amateur is not null).ToString("N0")],
            ["vote counts", labels.Count(l => l?.Votes is not null).ToString("N0")],
            ["no label", labels.Count(l => l is null).ToString("N0")],
        ]);
    }

    private static TaskMetric ParseMetric(string text) =>
        TaskMetrics.TryParse(text.Trim().ToLowerInvariant(), out var metric) ? metric : throw new FormatException($"'{text}' is not accuracy or gmean-auc.");

    private static IReadOnlyList<string> Names(string text, string option)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Any(n => n.Length == 0)) throw new ArgumentException($"{option}: expected comma-separated non-empty names, got '{text}'.");
        return names;
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
