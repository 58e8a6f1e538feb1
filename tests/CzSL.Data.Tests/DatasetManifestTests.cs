using CzSL.Data.Manifest;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class DatasetManifestTests
{
    [TestMethod]
    public void SaveThenLoad_ResolvesImagePaths()
    {
        using var dir = new TempFolder();
        dir.Write("images/a.png", "x");
        DatasetManifest.Save(dir.Path, [new GalaxyRecord { Id = "a", Image = "images/a.png" }, new GalaxyRecord { Id = "b" }]);
        var m = DatasetManifest.Load(dir.Path);
        Assert.HasCount(2, m.Records);
        Assert.AreEqual(Path.Combine(dir.Path, "images/a.png"), m.ImagePath(m.Records[0]));
        Assert.AreEqual(3, m.LineOf(1));
        Assert.IsEmpty(m.Skipped);
        Assert.ThrowsExactly<InvalidOperationException>(() => m.ImagePath(m.Records[1]));
    }

    [TestMethod]
    public void MissingImageFailsNamingFileLineAndColumn()
    {
        using var dir = new TempFolder();
        dir.Write("a.png", "x");
        dir.Write("manifest.csv", "id,image\na,a.png\nb,missing.png\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => DatasetManifest.Load(dir.Path));
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("image", e.Column);
        StringAssert.Contains(e.Message, "missing.png");
        StringAssert.StartsWith(e.Message, "manifest.csv line 3, column image:");
    }

    [TestMethod]
    public void MissingImageIsSkippedAndCountedUnderSkipBad()
    {
        using var dir = new TempFolder();
        dir.Write("a.png", "x");
        dir.Write("manifest.csv", "id,image\na,a.png\nb,missing.png\n");
        var log = new List<string>();
        var m = DatasetManifest.Load(dir.Path, new ManifestReadOptions { SkipBad = true, OnSkip = log.Add });
        Assert.HasCount(1, m.Records);
        Assert.HasCount(1, m.Skipped);
        Assert.HasCount(1, log);
    }

    [TestMethod]
    public void FolderWithoutManifestFails()
    {
        using var dir = new TempFolder();
        Assert.ThrowsExactly<FileNotFoundException>(() => DatasetManifest.Load(dir.Path));
    }
}
