using System.Globalization;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Crossmatch;

namespace CzSL.DataPrep.Import;

/// <summary>
/// Turns any image folder plus a label CSV into a dataset manifest (e.g. the Kaggle Galaxy Zoo 2 challenge data,
/// <see cref="ImageFolderImportOptions.KaggleGz2"/>).
/// </summary>
/// <remarks>
/// <para>Vote fractions become counts in GZ1's six categories with a nominal N (<see cref="ImageFolderImportOptions.NominalVotes"/>):
/// elliptical = round(f_el·N); the disk share d = round(f_spiral·N) splits into edge-on = min(round(f_edge·N), d)
/// and a face-on rest d − edge-on; don't know = round(f_dk·N); merger = round(f_mg·N).</para>
/// <para>What GZ2 cannot give, said plainly: (1) it records no winding direction, so the face-on spiral votes are split
/// evenly between clockwise and anticlockwise (the odd one to anticlockwise) — ES and MG work, ERL labels from such
/// data are meaningless; (2) GZ2's merger answer follows "odd feature?" for any galaxy, so the merger votes overlap
/// the other categories (GZ1's six are exclusive) and the total exceeds N by the merger votes; (3) the fractions
/// are weighted and the counts nominal.</para>
/// </remarks>
public static class ImageFolderImport
{
    /// <summary>Reads the label CSV, pairs each row with its image, and writes <c>manifest.csv</c> to the output folder (atomically).</summary>
    /// <exception cref="ManifestFormatException">A missing column (named with the header's columns), a bad value, a duplicate id or a missing image (file, line, column).</exception>
    /// <exception cref="DirectoryNotFoundException">The image folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The label CSV does not exist.</exception>
    public static ImportSummary Run(ImageFolderImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NominalVotes < 1) throw new ArgumentException($"NominalVotes must be at least 1, got {options.NominalVotes}.", nameof(options));
        if (!options.ImageNamePattern.Contains("{id}", StringComparison.Ordinal))
            throw new ArgumentException($"ImageNamePattern must contain {{id}}, got '{options.ImageNamePattern}'.", nameof(options));
        if ((options.RaColumn is null) != (options.DecColumn is null))
            throw new ArgumentException("Give both RaColumn and DecColumn, or neither.", nameof(options));
        var imageFolder = Path.GetFullPath(options.ImageFolder);
        if (!Directory.Exists(imageFolder)) throw new DirectoryNotFoundException($"The image folder '{imageFolder}' does not exist.");
        if (!File.Exists(options.LabelCsv)) throw new FileNotFoundException($"The label CSV '{options.LabelCsv}' does not exist.", options.LabelCsv);
        var output = Path.GetFullPath(options.OutputFolder);

        var table = CsvTable.Open(options.LabelCsv, new CsvTableOptions { Comments = true });
        var idCol = table.Require(options.IdColumn);
        var votes = options.VoteFractions is { } v ? new VoteReader(table, v, options.NominalVotes) : null;
        var consensusCol = options.ConsensusColumn is { } cc ? table.Require(cc) : -1;
        var raCol = options.RaColumn is { } rc ? table.Require(rc) : -1;
        var decCol = options.DecColumn is { } dc ? table.Require(dc) : -1;
        var taskReader = options.Task is { } taskImport ? new TaskImport.CsvReader(table, taskImport) : null;
        var task = taskReader is null ? null : options.Task!.Declare(taskReader.Labels());

        var records = new List<GalaxyRecord>();
        var missing = new List<string>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalid = Path.GetInvalidFileNameChars();
        foreach (var row in table.Rows)
        {
            var id = table.Text(row, idCol)!;
            if (id.IndexOfAny(invalid) >= 0 || id.Contains('\\') || id is "." or "..")
                throw table.Error(row, idCol, $"id '{id}' cannot be used in a file name");
            if (lineOf.TryGetValue(id, out var first)) throw table.Error(row, idCol, $"id {id} already appears on line {first}");
            lineOf.Add(id, row.Line);
            var imagePath = Path.Combine(imageFolder, options.ImageNamePattern.Replace("{id}", id, StringComparison.Ordinal));
            if (!File.Exists(imagePath))
            {
                if (!options.SkipMissingImages)
                    throw table.Error(row, idCol, $"no image for id {id}: '{imagePath}' does not exist (set SkipMissingImages to leave such rows out)");
                missing.Add(id);
                continue;
            }
            var record = new GalaxyRecord
            {
                Id = id,
                Image = Path.GetRelativePath(output, imagePath).Replace('\\', '/'),
                Votes = votes?.Read(row),
                Consensus = consensusCol >= 0 ? Consensus(table, row, consensusCol) : null,
                Ra = raCol >= 0 ? Angle(table, row, raCol, SkyAngle.ParseRightAscension) : null,
                Dec = decCol >= 0 ? Angle(table, row, decCol, SkyAngle.ParseDeclination) : null,
            };
            records.Add(task is not null && taskReader!.Read(row, task) is { } labels
                ? record with { Tasks = new Dictionary<string, TaskLabels> { [task.Id] = labels } }
                : record);
        }

        var written = task is null ? records : options.Task!.MoveToExpert(records, task);
        DatasetManifest.Save(output, written, task is null ? null : [task]);
        return new ImportSummary(Path.Combine(output, ManifestCsv.FileName), written, missing,
            CountUnlabelledImages(imageFolder, options.ImageNamePattern, lineOf.Keys.ToHashSet(StringComparer.Ordinal))) { Task = task };
    }

    private static string Consensus(CsvTable table, CsvRow row, int column)
    {
        var s = table.Text(row, column)!;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < Gz1Consensus.All.Count)
            return Gz1Consensus.All[k];
        return Gz1Consensus.Normalize(s)
            ?? throw table.Error(row, column, $"'{s}' is not a GZ1 class; expected 0–5 or one of: {string.Join(", ", Gz1Consensus.All)}");
    }

    private static double Angle(CsvTable table, CsvRow row, int column, Func<string, double> parse)
    {
        try
        {
            return parse(table.Text(row, column)!);
        }
        catch (FormatException e) when (e is not ManifestFormatException)
        {
            throw table.Error(row, column, e.Message);
        }
    }

    // Images named by the pattern (prefix{id}suffix, no subfolders in the id) whose id has no label row.
    private static int CountUnlabelledImages(string folder, string pattern, HashSet<string> labelled)
    {
        var at = pattern.IndexOf("{id}", StringComparison.Ordinal);
        var prefix = pattern[..at];
        var suffix = pattern[(at + 4)..];
        var dir = Path.Combine(folder, Path.GetDirectoryName(prefix) ?? "");
        if (!Directory.Exists(dir)) return 0;
        var namePrefix = Path.GetFileName(prefix);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(dir, namePrefix + "*" + suffix))
        {
            var name = Path.GetFileName(file);
            if (name.Length <= namePrefix.Length + suffix.Length) continue;
            var id = name[namePrefix.Length..^suffix.Length];
            if (!labelled.Contains(id)) count++;
        }
        return count;
    }

    private sealed class VoteReader(CsvTable table, VoteFractionColumns columns, int n)
    {
        private readonly int _el = table.Require(columns.Elliptical);
        private readonly int _sp = table.Require(columns.Spiral);
        private readonly int _edge = columns.EdgeOn is { } e ? table.Require(e) : -1;
        private readonly int _dk = columns.DontKnow is { } d ? table.Require(d) : -1;
        private readonly int _mg = columns.Merger is { } m ? table.Require(m) : -1;

        public VoteCounts Read(CsvRow row)
        {
            int count(int column) => column < 0 ? 0 : (int)Math.Round(Math.Min(1, table.Number(row, column, 0, 1 + 1e-6)) * n, MidpointRounding.AwayFromZero);
            var disk = count(_sp);
            var edge = Math.Min(count(_edge), disk);
            var faceOn = disk - edge;
            var cw = faceOn / 2;
            return new VoteCounts(count(_el), cw, faceOn - cw, edge, count(_dk), count(_mg));
        }
    }
}
