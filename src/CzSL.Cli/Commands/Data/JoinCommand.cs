using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data join</c>: a folder of images named by SDSS objID, joined with GZ1 consensus labels and the paper's
/// votes and expert labels, into one manifest.
/// </summary>
public static class JoinCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var images = new Option<DirectoryInfo>("--images")
        { Description = "Folder of images named <objid>.jpeg|.jpg|.png (e.g. ../shared/data/gz1-sdss/images).", Required = true };
        var labels = new Option<FileInfo?>("--labels")
        { Description = "Optional labels.csv (objid,gz1_class,gz1_class_name,image) with each image's GZ1 consensus class." };
        var tables = new Option<DirectoryInfo?>("--tables")
        { Description = "Optional folder of the paper's tables: adds real votes and expert labels by OBJID." };
        var output = DataOptions.RequiredOut("Folder to write manifest.csv into (image paths are written relative to it).");
        var command = new Command("join", "Join an image folder with GZ1 consensus labels and the paper's votes and expert labels.")
        {
            images, labels, tables, output,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var options = new ImageJoinOptions(
                DataInputs.Folder(parse.GetValue(images), "--images"),
                parse.GetValue(output)!.FullName,
                parse.GetValue(labels) is { } l ? DataInputs.File(l, "--labels") : null,
                parse.GetValue(tables) is { } t ? DataInputs.Folder(t, "--tables") : null,
                VerifyChecksums: true);
            using var locks = OutputLocks.Acquire(reporter, parse.GetValue(output)!.FullName);
            var result = await reporter.Step("Joining images with labels and tables", _ => ImageJoin.Run(options));
            Describe(reporter, result.Summary, options);
            reporter.Success($"wrote {result.Summary.Images:N0} galaxies → {result.ManifestPath}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Prints what the joined manifest holds.</summary>
    public static void Describe(IReporter reporter, ImageJoinSummary summary, ImageJoinOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        string Share(int n) => summary.Images == 0 ? "–" : (100.0 * n / summary.Images).ToString("F1") + "%";
        var rows = new List<IReadOnlyList<string>> { new[] { "images", summary.Images.ToString("N0"), Share(summary.Images) } };
        if (options.LabelsCsv is not null)
            rows.Add(["with GZ1 consensus class (labels.csv)", summary.WithConsensus.ToString("N0"), Share(summary.WithConsensus)]);
        if (options.TablesDirectory is not null)
        {
            rows.Add(["with real votes (paper tables)", summary.WithVotes.ToString("N0"), Share(summary.WithVotes)]);
            rows.Add(["with ES expert label", summary.WithExpertES.ToString("N0"), Share(summary.WithExpertES)]);
            rows.Add(["with ERL expert label", summary.WithExpertERL.ToString("N0"), Share(summary.WithExpertERL)]);
            rows.Add(["with MG expert label", summary.WithExpertMG.ToString("N0"), Share(summary.WithExpertMG)]);
            rows.Add(["  of which expert mergers", summary.ExpertMergers.ToString("N0"), Share(summary.ExpertMergers)]);
        }
        reporter.Table("Joined images", ["galaxies", "count", "share"], rows);
        if (summary.LabelsWithoutImage > 0)
            reporter.Warn($"{summary.LabelsWithoutImage:N0} labels.csv rows have no image in the folder and were left out");
    }
}
