namespace CzSL.DataPrep.Import;

/// <summary>Settings of <see cref="ImageFolderImport"/>.</summary>
public sealed record ImageFolderImportOptions
{
    /// <summary>Folder holding the images.</summary>
    public required string ImageFolder { get; init; }

    /// <summary>CSV with one row per galaxy: an id column plus optional labels.</summary>
    public required string LabelCsv { get; init; }

    /// <summary>Dataset folder that receives <c>manifest.csv</c>; image paths in it are relative to this folder.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Label-CSV column holding the galaxy id.</summary>
    public required string IdColumn { get; init; }

    /// <summary>Image file name of a galaxy, relative to <see cref="ImageFolder"/>; <c>{id}</c> is the id.</summary>
    public string ImageNamePattern { get; init; } = "{id}.jpg";

    /// <summary>Vote-fraction columns to turn into vote counts; null imports no votes.</summary>
    public VoteFractionColumns? VoteFractions { get; init; }

    /// <summary>
    /// Nominal number of classifications N used to turn fractions into counts (count = round(fraction × N)). Sources such
    /// as the Kaggle GZ2 table publish weighted fractions without counts, so the counts are nominal: 40 is close to the
    /// typical number of GZ2 classifications per galaxy (Willett et al. 2013) and only sets how finely the fractions
    /// are kept (1/N), not real evidence.
    /// </summary>
    public int NominalVotes { get; init; } = 40;

    /// <summary>
    /// Column with a GZ1 consensus class (a <see cref="CzSL.Data.Manifest.Gz1Consensus"/> name, any case, or its class
    /// number 0–5); null imports none.
    /// </summary>
    public string? ConsensusColumn { get; init; }

    /// <summary>Right-ascension column (degrees or sexagesimal hours); null imports none. Needs <see cref="DecColumn"/>.</summary>
    public string? RaColumn { get; init; }

    /// <summary>Declination column (degrees or sexagesimal); null imports none. Needs <see cref="RaColumn"/>.</summary>
    public string? DecColumn { get; init; }

    /// <summary>The user's own task whose labels or votes the label CSV holds (declared in tasks.json), or null.</summary>
    public TaskImport? Task { get; init; }

    /// <summary>
    /// Leave out label rows whose image file is missing (listed in <see cref="ImportSummary.MissingImageIds"/>) instead
    /// of failing on the first one.
    /// </summary>
    public bool SkipMissingImages { get; init; }

    /// <summary>
    /// The Kaggle "Galaxy Zoo – The Galaxy Challenge" layout: <c>images_training_rev1/&lt;GalaxyID&gt;.jpg</c> and
    /// <c>training_solutions_rev1.csv</c> (Class1.1 … Class11.6 vote fractions) under <paramref name="kaggleFolder"/>.
    /// </summary>
    public static ImageFolderImportOptions KaggleGz2(string kaggleFolder, string outputFolder) => new()
    {
        ImageFolder = Path.Combine(kaggleFolder, "images_training_rev1"),
        LabelCsv = Path.Combine(kaggleFolder, "training_solutions_rev1.csv"),
        OutputFolder = outputFolder,
        IdColumn = "GalaxyID",
        ImageNamePattern = "{id}.jpg",
        VoteFractions = VoteFractionColumns.KaggleGz2,
    };
}
