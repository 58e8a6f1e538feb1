using CzSL.DataPrep.Download;

namespace CzSL.DataPrep.Tests.Download;

[TestClass]
public sealed class CutoutCheckTests
{
    [TestMethod]
    public void A_complete_galaxy_jpeg_passes()
    {
        var verdict = CutoutCheck.Check(TestImages.Galaxy(48), 48, 48);
        Assert.AreEqual(CutoutProblem.None, verdict.Problem, verdict.Message);
        Assert.IsTrue(verdict.Ok);
    }

    [TestMethod]
    public void A_jpeg_cut_short_is_truncated()
    {
        var full = TestImages.Galaxy(48);
        foreach (var keep in new[] { full.Length / 2, full.Length - 2 })
        {
            var verdict = CutoutCheck.Check(full[..keep], 48, 48);
            Assert.AreEqual(CutoutProblem.Truncated, verdict.Problem, $"kept {keep} of {full.Length} bytes");
        }
    }

    [TestMethod]
    public void Html_and_png_are_not_jpeg()
    {
        var html = "<html><body>Server busy</body></html>"u8.ToArray();
        var verdict = CutoutCheck.Check(html);
        Assert.AreEqual(CutoutProblem.NotJpeg, verdict.Problem);
        StringAssert.Contains(verdict.Message, "<html>");
        Assert.AreEqual(CutoutProblem.NotJpeg, CutoutCheck.Check(TestImages.Png(48)).Problem);
        Assert.AreEqual(CutoutProblem.NotJpeg, CutoutCheck.Check([]).Problem);
    }

    [TestMethod]
    public void Flat_images_are_blank_and_the_threshold_is_respected()
    {
        Assert.AreEqual(CutoutProblem.Blank, CutoutCheck.Check(TestImages.Flat(48, 0), 48, 48).Problem);
        Assert.AreEqual(CutoutProblem.Blank, CutoutCheck.Check(TestImages.Flat(48, 128), 48, 48).Problem);
        Assert.AreEqual(CutoutProblem.None, CutoutCheck.Check(TestImages.Flat(48, 0), 48, 48, blankStdDev: 0).Problem);
    }

    [TestMethod]
    public void Another_size_than_requested_is_reported()
    {
        var verdict = CutoutCheck.Check(TestImages.Galaxy(40), 48, 48);
        Assert.AreEqual(CutoutProblem.WrongSize, verdict.Problem);
        StringAssert.Contains(verdict.Message, "40×40");
        Assert.AreEqual(CutoutProblem.None, CutoutCheck.Check(TestImages.Galaxy(40)).Problem, "no size asked, no size check");
    }

    [TestMethod]
    public void Real_gz1_cutouts_pass_the_check()
    {
        var folder = TestImages.SharedData("gz1-sdss");
        if (folder is null) Assert.Inconclusive("../shared/data/gz1-sdss is absent: real-cutout check not run.");
        var files = Directory.GetFiles(Path.Combine(folder, "images"), "*.jpeg").Order(StringComparer.Ordinal).Take(300).ToList();
        Assert.AreEqual(300, files.Count);
        foreach (var f in files)
        {
            var verdict = CutoutCheck.CheckFile(f, 423, 423);
            Assert.IsTrue(verdict.Ok, $"{Path.GetFileName(f)}: {verdict.Message}");
        }
    }
}
