using CzSL.Data.Manifest;
using CzSL.DataPrep.Import;
using CzSL.DataPrep.Tests.Download;

namespace CzSL.DataPrep.Tests.Import;

[TestClass]
public sealed class ImageFolderImportTests
{
    // A GZ2 Kaggle-style fixture: fractions of all classifications; Class2.x sum to Class1.2, Class8.x to Class6.1.
    private const string Kaggle =
        "GalaxyID,Class1.1,Class1.2,Class1.3,Class2.1,Class2.2,Class6.1,Class6.2,Class8.6\n" +
        "100008,0.6,0.35,0.05,0.1,0.25,0.3,0.7,0.2\n" +
        "100023,0.1,0.9,0.0,0.0,0.9,0.0,1.0,0.0\n" +
        "100053,0.0,0.95,0.05,0.8,0.15,0.1,0.9,0.025\n";

    private static ScratchFolder KaggleFolder(string csv = Kaggle, params string[] images)
    {
        var dir = new ScratchFolder();
        dir.Write("kaggle/training_solutions_rev1.csv", csv);
        Directory.CreateDirectory(dir.File("kaggle/images_training_rev1"));
        foreach (var id in images.Length > 0 ? images : ["100008", "100023", "100053", "999999"])
            File.WriteAllBytes(dir.File($"kaggle/images_training_rev1/{id}.jpg"), TestImages.Galaxy(16, id.GetHashCode()));
        return dir;
    }

    [TestMethod]
    public void The_kaggle_gz2_layout_becomes_a_manifest_with_nominal_counts()
    {
        using var dir = KaggleFolder();
        var summary = ImageFolderImport.Run(ImageFolderImportOptions.KaggleGz2(dir.File("kaggle"), dir.File("out")));

        Assert.AreEqual(3, summary.Records.Count);
        Assert.AreEqual(1, summary.UnlabelledImages, "999999.jpg has no label row");
        Assert.AreEqual(0, summary.MissingImageIds.Count);
        // N = 40: el 24; disk 14 = edge 4 + face-on 10 (5 cw, 5 acw); dk 2; merger 8 (overlapping).
        Assert.AreEqual(new VoteCounts(24, 5, 5, 4, 2, 8), summary.Records[0].Votes);
        // disk 36 all face-on, split evenly.
        Assert.AreEqual(new VoteCounts(4, 18, 18, 0, 0, 0), summary.Records[1].Votes);
        // disk 38 = edge 32 + 6 face-on; dk round(2) ; merger round(1.0) = 1.
        Assert.AreEqual(new VoteCounts(0, 3, 3, 32, 2, 1), summary.Records[2].Votes);

        var read = DatasetManifest.Load(dir.File("out"));
        Assert.AreEqual(summary.ManifestPath, read.ManifestPath);
        CollectionAssert.AreEqual(new[] { "100008", "100023", "100053" }, read.Records.Select(r => r.Id).ToArray());
        Assert.AreEqual("../kaggle/images_training_rev1/100008.jpg", read.Records[0].Image);
        Assert.IsTrue(File.Exists(read.ImagePath(read.Records[2])));
        Assert.AreEqual(summary.Records[0].Votes, read.Records[0].Votes);
    }

    [TestMethod]
    public void The_nominal_n_sets_the_count_scale()
    {
        using var dir = KaggleFolder();
        var options = ImageFolderImportOptions.KaggleGz2(dir.File("kaggle"), dir.File("out")) with { NominalVotes = 100 };
        var summary = ImageFolderImport.Run(options);
        Assert.AreEqual(new VoteCounts(60, 12, 13, 10, 5, 20), summary.Records[0].Votes);
    }

    [TestMethod]
    public void A_missing_image_fails_naming_the_row_unless_skipped()
    {
        using var dir = KaggleFolder(Kaggle, "100008", "100053");
        var options = ImageFolderImportOptions.KaggleGz2(dir.File("kaggle"), dir.File("out"));
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ImageFolderImport.Run(options));
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("GalaxyID", e.Column);
        StringAssert.Contains(e.Message, "100023.jpg");
        Assert.IsFalse(File.Exists(dir.File("out/manifest.csv")));

        var summary = ImageFolderImport.Run(options with { SkipMissingImages = true });
        CollectionAssert.AreEqual(new[] { "100023" }, summary.MissingImageIds.ToArray());
        Assert.AreEqual(2, summary.Records.Count);
    }

    [TestMethod]
    public void Missing_columns_and_bad_values_are_clear_errors()
    {
        using var dir = KaggleFolder(Kaggle.Replace("Class8.6", "Class8.7", StringComparison.Ordinal));
        var options = ImageFolderImportOptions.KaggleGz2(dir.File("kaggle"), dir.File("out"));
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ImageFolderImport.Run(options));
        Assert.AreEqual("Class8.6", e.Column);
        StringAssert.Contains(e.Message, "Could not find column 'Class8.6' (the header has: GalaxyID, Class1.1");

        e = Assert.ThrowsExactly<ManifestFormatException>(() => ImageFolderImport.Run(options with { IdColumn = "objid" }));
        StringAssert.Contains(e.Message, "Could not find column 'objid'");

        using var bad = KaggleFolder(Kaggle.Replace("0.1,0.9,0.0", "0.1,x9,0.0", StringComparison.Ordinal));
        e = Assert.ThrowsExactly<ManifestFormatException>(() =>
            ImageFolderImport.Run(ImageFolderImportOptions.KaggleGz2(bad.File("kaggle"), bad.File("out"))));
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("Class1.2", e.Column);
        StringAssert.Contains(e.Message, "'x9' is not a number");

        using var dup = KaggleFolder(Kaggle + "100008,0.6,0.35,0.05,0.1,0.25,0.3,0.7,0.2\n");
        e = Assert.ThrowsExactly<ManifestFormatException>(() =>
            ImageFolderImport.Run(ImageFolderImportOptions.KaggleGz2(dup.File("kaggle"), dup.File("out"))));
        Assert.AreEqual(5, e.Line);
        StringAssert.Contains(e.Message, "already appears on line 2");
    }

    [TestMethod]
    public void A_generic_folder_with_consensus_classes_and_positions_imports()
    {
        using var dir = new ScratchFolder();
        dir.Write("labels.csv", "name,class,ra,dec\nA1,spiral_cw,10:00:00,+01:30:00\nB2,0,150.25,-2.5\nC3,Merger,0.5,0.5\n");
        foreach (var id in new[] { "A1", "B2", "C3" })
            File.WriteAllBytes(dir.File($"img_{id}.jpeg"), TestImages.Galaxy(16));
        var summary = ImageFolderImport.Run(new ImageFolderImportOptions
        {
            ImageFolder = dir.Path,
            LabelCsv = dir.File("labels.csv"),
            OutputFolder = dir.Path,
            IdColumn = "name",
            ImageNamePattern = "img_{id}.jpeg",
            ConsensusColumn = "class",
            RaColumn = "ra",
            DecColumn = "dec",
        });
        CollectionAssert.AreEqual(new[] { "spiral_cw", "elliptical", "merger" }, summary.Records.Select(r => r.Consensus).ToArray());
        Assert.AreEqual(150.0, summary.Records[0].Ra!.Value, 1e-12);
        Assert.AreEqual(1.5, summary.Records[0].Dec!.Value, 1e-12);
        Assert.AreEqual("img_B2.jpeg", summary.Records[1].Image);
        Assert.IsNull(summary.Records[0].Votes);

        dir.Write("labels.csv", "name,class,ra,dec\nA1,spiral,10:00:00,+01:30:00\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ImageFolderImport.Run(new ImageFolderImportOptions
        {
            ImageFolder = dir.Path, LabelCsv = dir.File("labels.csv"), OutputFolder = dir.Path, IdColumn = "name",
            ImageNamePattern = "img_{id}.jpeg", ConsensusColumn = "class",
        }));
        Assert.AreEqual("class", e.Column);
        StringAssert.Contains(e.Message, "'spiral' is not a GZ1 class");
    }

    [TestMethod]
    public void The_real_gz1_sdss_folder_imports_with_its_consensus_classes()
    {
        var folder = TestImages.SharedData("gz1-sdss");
        if (folder is null) Assert.Inconclusive("../shared/data/gz1-sdss is absent: real-folder import not run.");
        using var dir = new ScratchFolder();
        var summary = ImageFolderImport.Run(new ImageFolderImportOptions
        {
            ImageFolder = Path.Combine(folder, "images"),
            LabelCsv = Path.Combine(folder, "labels.csv"),
            OutputFolder = dir.Path,
            IdColumn = "objid",
            ImageNamePattern = "{id}.jpeg",
            ConsensusColumn = "gz1_class_name",
        });
        Assert.AreEqual(6664, summary.Records.Count);
        Assert.AreEqual(0, summary.UnlabelledImages);
        var counts = summary.Records.GroupBy(r => r.Consensus!).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(4645, counts[Gz1Consensus.Elliptical]);
        Assert.AreEqual(115, counts[Gz1Consensus.Merger]);
        Assert.AreEqual(6664, DatasetManifest.Load(dir.Path).Records.Count);
    }
}
