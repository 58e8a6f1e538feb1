using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// The images of one paper table's galaxies: every image in the folder whose objID is in the table, decoded once into
/// an <see cref="ImageStore"/> (cached in the work folder). Galaxies of the table without an image are not in the store;
/// <see cref="IndexOf"/> answers null for them, so callers count them as missing.
/// </summary>
public sealed class PaperImageSet
{
    private readonly Dictionary<string, int> _index;

    private PaperImageSet(ImageStore store, Dictionary<string, int> index, int imagesInFolder, int labelsWithoutImage, int withConsensus)
    {
        Store = store;
        _index = index;
        ImagesInFolder = imagesInFolder;
        LabelsWithoutImage = labelsWithoutImage;
        WithConsensus = withConsensus;
    }

    /// <summary>The decoded images (64×64 RGB), one per table galaxy that has an image, in table order.</summary>
    public ImageStore Store { get; }

    /// <summary>Table galaxies with an image.</summary>
    public int Count => _index.Count;

    /// <summary>Images found in the folder (named by objID), in the table or not.</summary>
    public int ImagesInFolder { get; }

    /// <summary>Images whose objID is not in the table (not used).</summary>
    public int ImagesOutsideTable => ImagesInFolder - Count;

    /// <summary>Rows of the optional labels.csv whose image is not in the folder.</summary>
    public int LabelsWithoutImage { get; }

    /// <summary>Table galaxies with an image that labels.csv gives a GZ1 consensus class (0 without labels.csv).</summary>
    public int WithConsensus { get; }

    /// <summary>Store index of galaxy <paramref name="id"/>, or null when it has no image.</summary>
    public int? IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : null;

    /// <summary>
    /// Finds the images of <paramref name="table"/>'s galaxies in <paramref name="imagesDirectory"/> (files
    /// <c>&lt;objid&gt;.jpeg|.jpg|.png</c>), checks <paramref name="labelsCsv"/> when given, and decodes them as
    /// <paramref name="preprocessing"/> says (null: 64 px, nearest-pixel resize) into a store cached under <paramref name="workDirectory"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The image folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No galaxy of the table has an image.</exception>
    public static PaperImageSet Load(PaperTable table, string imagesDirectory, string? labelsCsv, string workDirectory, ImagePreprocessing? preprocessing = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        preprocessing ??= new ImagePreprocessing(64);
        ArgumentNullException.ThrowIfNull(table);
        var manifestFolder = Path.Combine(Path.GetFullPath(workDirectory), "images-" + table.Kind.ToString().ToLowerInvariant());
        Directory.CreateDirectory(manifestFolder);
        var join = ImageJoin.Join(imagesDirectory, manifestFolder, labelsCsv, tables: null);
        var byId = join.Records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var records = new List<GalaxyRecord>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var galaxy in table.Records)
        {
            if (!byId.TryGetValue(galaxy.Id, out var image)) continue;
            index[galaxy.Id] = records.Count;
            records.Add(new GalaxyRecord { Id = galaxy.Id, Image = image.Image, Consensus = image.Consensus });
        }
        if (records.Count == 0)
            throw new InvalidDataException(
                $"None of the {table.Records.Count:N0} galaxies of the {table.Kind} table has an image in {imagesDirectory} " +
                $"({join.Records.Count:N0} images named <objid>.jpeg|.jpg|.png found there).");
        DatasetManifest.Save(manifestFolder, records);
        var manifest = DatasetManifest.Load(manifestFolder);
        var store = ImageStore.LoadOrDecode(preprocessing.CachePath(manifestFolder), manifest, preprocessing, progress, cancellation);
        return new PaperImageSet(store, index, join.Records.Count, join.Summary.LabelsWithoutImage, records.Count(r => r.Consensus is not null));
    }
}
