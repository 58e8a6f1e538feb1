using System.CommandLine;
using CzSL.Cli.Commands.Data;
using CzSL.Cli.Console;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Commands;

/// <summary>
/// The dataset options of the verbs that train on real data (<c>release</c>, <c>learning-curve</c>): a dataset folder
/// (<c>--data</c> with <c>--data-description</c>), or real images joined with their GZ1 labels and the paper's tables
/// (<c>--images --labels --tables</c>).
/// </summary>
public sealed class DatasetOptions
{
    private readonly Option<DirectoryInfo?> _data = new("--data") { Description = "A dataset folder (manifest.csv + images)." };
    private readonly Option<DirectoryInfo?> _images = new("--images") { Description = "Or: a folder of real images named <objid>.jpeg (joined with --labels and --tables)." };
    private readonly Option<FileInfo?> _labels = new("--labels") { Description = "labels.csv (objid,gz1_class,gz1_class_name,image): each image's GZ1 consensus class." };
    private readonly Option<DirectoryInfo?> _tables = new("--tables") { Description = "The paper's tables: real votes and expert labels by OBJID." };
    private readonly Option<string?> _description = new("--data-description")
    { Description = "One line naming the data for the cards and reports (survey, framing, label sources); required with --data." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _data, _images, _labels, _tables, _description }) command.Options.Add(o);
    }

    /// <summary>The dataset folder and its one-line description; a join writes its manifest under <paramref name="workDir"/>/data.</summary>
    /// <exception cref="ArgumentException">Neither a folder nor the three join inputs were given, or --data lacks its description.</exception>
    public async Task<(string Folder, string Description)> Resolve(IReporter reporter, ParseResult parse, string workDir)
    {
        if (parse.GetValue(_data) is { } given)
        {
            var text = parse.GetValue(_description)
                ?? throw new ArgumentException("--data-description: say what the data is (survey, image framing, label sources); it goes into every card.");
            return (DataInputs.Folder(given, "--data"), text);
        }
        if (parse.GetValue(_images) is null || parse.GetValue(_labels) is null || parse.GetValue(_tables) is null)
            throw new ArgumentException("Give --data DIR, or --images, --labels and --tables to join real images with their labels.");
        var options = new ImageJoinOptions(
            DataInputs.Folder(parse.GetValue(_images), "--images"), Path.Combine(workDir, "data"),
            DataInputs.File(parse.GetValue(_labels)!, "--labels"), DataInputs.Folder(parse.GetValue(_tables), "--tables"), VerifyChecksums: true);
        var joined = await reporter.Step("Joining images with labels and tables", _ => ImageJoin.Run(options));
        JoinCommand.Describe(reporter, joined.Summary, options);
        return (options.OutputDirectory, parse.GetValue(_description) ??
            $"Real SDSS DR7 gri colour cutouts (423×423 px JPEG, Galaxy Zoo 1 framing: galaxy centred, cutout scaled to its size), " +
            $"{joined.Summary.Images:N0} images; Galaxy Zoo 1 volunteer labels (consensus class for {joined.Summary.WithConsensus:N0}, vote counts for " +
            $"{joined.Summary.WithVotes:N0}); the CzSL paper's expert labels ({joined.Summary.WithExpertES:N0} ES/ERL, {joined.Summary.WithExpertMG:N0} MG)");
    }
}
