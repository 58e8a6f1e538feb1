using System.Globalization;
using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Paper;

/// <summary>Options of <see cref="ImageJoin.Run"/>.</summary>
/// <param name="ImagesDirectory">Folder of images named <c>&lt;objid&gt;.jpeg|.jpg|.png</c> (e.g. <c>../shared/data/gz1-sdss/images</c>).</param>
/// <param name="OutputDirectory">Folder to write <c>manifest.csv</c> into; image paths are written relative to it.</param>
/// <param name="LabelsCsv">Optional <c>labels.csv</c> (objid,gz1_class,gz1_class_name,image) giving each image's GZ1 consensus class.</param>
/// <param name="TablesDirectory">Optional paper tables folder: adds votes and expert labels by OBJID.</param>
/// <param name="VerifyChecksums">Check the tables' SHA256SUMS.</param>
public sealed record ImageJoinOptions(string ImagesDirectory, string OutputDirectory, string? LabelsCsv = null,
    string? TablesDirectory = null, bool VerifyChecksums = true);

/// <summary>What a joined image set holds.</summary>
/// <param name="Images">Images found (one galaxy each).</param>
/// <param name="WithConsensus">With a GZ1 consensus class from labels.csv.</param>
/// <param name="WithVotes">With vote counts (from the paper's tables).</param>
/// <param name="WithExpertES">With an ES expert label (ESRL table).</param>
/// <param name="WithExpertERL">With an ERL expert label (ESRL table).</param>
/// <param name="WithExpertMG">With an MG expert label (MG table).</param>
/// <param name="ExpertMergers">Of those, expert mergers.</param>
/// <param name="LabelsWithoutImage">labels.csv rows whose image is not in the folder (left out).</param>
public sealed record ImageJoinSummary(int Images, int WithConsensus, int WithVotes, int WithExpertES, int WithExpertERL,
    int WithExpertMG, int ExpertMergers, int LabelsWithoutImage);

/// <summary>Result of <see cref="ImageJoin"/>: the records (ordered by OBJID), the summary and the manifest written (if any).</summary>
public sealed record ImageJoinResult(IReadOnlyList<GalaxyRecord> Records, ImageJoinSummary Summary, string? ManifestPath);

/// <summary>
/// Joins a folder of galaxy images named by SDSS objID with the GZ1 consensus labels and the paper's tables into one
/// manifest whose rows say what each galaxy has (image always; consensus, votes, expert labels where known). Votes and
/// expert labels come from <see cref="PaperTables.Merged"/>; the tables' folds are not carried over (they differ
/// between ESRL and MG, and an image benchmark draws its own folds).
/// </summary>
public static class ImageJoin
{
    /// <summary>Image file extensions recognised (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpeg", ".jpg", ".png"];

    /// <summary>Joins as <paramref name="options"/> says and writes the manifest.</summary>
    public static ImageJoinResult Run(ImageJoinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tables = options.TablesDirectory is null ? null : PaperTables.Load(options.TablesDirectory, options.VerifyChecksums);
        var result = Join(options.ImagesDirectory, options.OutputDirectory, options.LabelsCsv, tables);
        var path = Path.Combine(options.OutputDirectory, ManifestCsv.FileName);
        ManifestCsv.Write(path, result.Records);
        return result with { ManifestPath = path };
    }

    /// <summary>Joins without writing; image paths are relative to <paramref name="manifestDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The image folder does not exist.</exception>
    /// <exception cref="InvalidDataException">Two images share an objID.</exception>
    /// <exception cref="ManifestFormatException">labels.csv is malformed (file, line, column).</exception>
    public static ImageJoinResult Join(string imagesDirectory, string manifestDirectory, string? labelsCsv, PaperTables? tables)
    {
        if (!Directory.Exists(imagesDirectory)) throw new DirectoryNotFoundException($"Image folder {imagesDirectory} not found.");
        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(imagesDirectory))
        {
            var ext = Path.GetExtension(file);
            var id = Path.GetFileNameWithoutExtension(file);
            if (!Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase) || id.Length == 0 || !id.All(char.IsAsciiDigit)) continue;
            if (!images.TryAdd(id, file))
                throw new InvalidDataException($"objID {id} has two images: {images[id]} and {file}.");
        }
        var consensus = labelsCsv is null ? new Dictionary<string, string>() : ReadLabels(labelsCsv);
        var paper = tables?.Merged().ToDictionary(r => r.Id, StringComparer.Ordinal);
        var manifestRoot = Path.GetFullPath(manifestDirectory);

        var records = new List<GalaxyRecord>(images.Count);
        foreach (var (id, file) in images)
        {
            var known = paper?.GetValueOrDefault(id);
            var image = Path.GetRelativePath(manifestRoot, Path.GetFullPath(file)).Replace('\\', '/');
            records.Add((known ?? new GalaxyRecord { Id = id }) with { Image = image, Consensus = consensus.GetValueOrDefault(id) });
        }
        var summary = new ImageJoinSummary(
            Images: records.Count,
            WithConsensus: records.Count(r => r.Consensus is not null),
            WithVotes: records.Count(r => r.Votes is not null),
            WithExpertES: records.Count(r => r.ExpertES is not null),
            WithExpertERL: records.Count(r => r.ExpertERL is not null),
            WithExpertMG: records.Count(r => r.ExpertMG is not null),
            ExpertMergers: records.Count(r => r.ExpertMG == ScenarioClasses.MG[1]),
            LabelsWithoutImage: consensus.Keys.Count(id => !images.ContainsKey(id)));
        return new ImageJoinResult(records, summary, null);
    }

    /// <summary>
    /// Reads labels.csv strictly: header <c>objid,gz1_class,gz1_class_name,image</c>; gz1_class 0–5 and gz1_class_name
    /// the matching <see cref="Gz1Consensus"/> name; objIDs unique. Returns objID → consensus class name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadLabels(string path)
    {
        string[] header = ["objid", "gz1_class", "gz1_class_name", "image"];
        var table = CsvTable.Open(path);
        if (!table.Header.Select(f => f.Trim()).SequenceEqual(header))
            throw new ManifestFormatException(path, table.HeaderLine, null,
                $"expected the header '{string.Join(',', header)}', got '{string.Join(',', table.Header)}'");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            var id = fields[0];
            if (id.Length == 0 || !id.All(char.IsAsciiDigit))
                throw new ManifestFormatException(path, line, "objid", $"'{id}' is not an SDSS objID");
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cls) || cls >= Gz1Consensus.All.Count)
                throw new ManifestFormatException(path, line, "gz1_class", $"'{fields[1]}' is not a class number 0–{Gz1Consensus.All.Count - 1}");
            var name = Gz1Consensus.Normalize(fields[2]);
            if (name != Gz1Consensus.All[cls])
                throw new ManifestFormatException(path, line, "gz1_class_name",
                    $"'{fields[2]}' does not match gz1_class {cls} ('{Gz1Consensus.All[cls]}')");
            if (!result.TryAdd(id, name))
                throw new ManifestFormatException(path, line, "objid", $"duplicate objid {id}");
        }
        return result;
    }
}
