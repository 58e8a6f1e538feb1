using CzSL.Data.Manifest;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Tests.Paper;

[TestClass]
public sealed class PaperTablesTests
{
    [TestMethod]
    public void LoadsFixtureWithLabelsFoldsAndOrder()
    {
        using var fixture = new PaperFixture();
        var tables = PaperTables.Load(fixture.Directory);

        Assert.AreEqual(10, tables.Esrl.Records.Count);
        Assert.AreEqual(10, tables.Mg.Records.Count);
        var spiral = tables.Esrl.Find("1032")!;
        Assert.AreEqual(new VoteCounts(3, 2, 18, 4, 0, 1), spiral.Record.Votes);
        Assert.AreEqual("spiral", spiral.Record.ExpertES);
        Assert.AreEqual("anticlockwise", spiral.Record.ExpertERL);
        Assert.IsNull(spiral.Record.ExpertMG);
        Assert.AreEqual((3, 1, 3, 'S'), (spiral.Record.Fold!.Value, spiral.Record.Order!.Value, spiral.Line, spiral.CleanFlag));
        Assert.AreEqual((0.61, 0.39), (spiral.Record.EllipticalDebiased123, spiral.Record.SpiralDebiased123), "EL_DEB[123], CS_DEB[123] are kept");
        Assert.AreEqual("elliptical", tables.Esrl.Find("1011")!.Record.ExpertERL);

        var merger = tables.Mg.Find("2042")!;
        Assert.IsNull(merger.Record.ExpertES, "ES_EXPERT N means no ES label");
        Assert.AreEqual("merger", merger.Record.ExpertMG);
        Assert.AreEqual(1, merger.MergerFlag);
        Assert.AreEqual("elliptical", tables.Mg.Find("1011")!.Record.ExpertES);
        Assert.AreEqual("non_merger", tables.Mg.Find("1011")!.Record.ExpertMG);
        Assert.IsNull(tables.Mg.Find("1011")!.Record.EllipticalDebiased123, "the MG table does not publish EL_DEB[123]");
    }

    [TestMethod]
    public void TrainingOrderConcatenatesTheOtherTestFiles()
    {
        using var fixture = new PaperFixture();
        var tables = PaperTables.Load(fixture.Directory);

        var training = tables.Esrl.TrainingOrder(2);
        CollectionAssert.AreEqual(new[] { "1011", "1012", "1031", "1032", "1041", "1042", "1051", "1052" }, training.Select(r => r.Id).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).ToArray(), training.Select(r => r.Order!.Value).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 1, 3, 3, 4, 4, 5, 5 }, training.Select(r => r.Fold!.Value).ToArray());
        CollectionAssert.AreEqual(new[] { "1021", "1022" }, tables.Esrl.TestFold(2).Select(r => r.Id).ToArray());
    }

    [TestMethod]
    public void MalformedRowNamesFileLineAndColumn()
    {
        using var fixture = new PaperFixture();
        fixture.Edit(PaperTableKind.Esrl, 3, line: 3, "N_CW", "two");

        var e = Assert.ThrowsExactly<ManifestFormatException>(() => PaperTables.Load(fixture.Directory, verifyChecksums: false));
        Assert.AreEqual("GZ1_Expert-ESRL_test_3.csv", Path.GetFileName(e.File));
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("N_CW", e.Column);
        StringAssert.Contains(e.Message, "GZ1_Expert-ESRL_test_3.csv line 3, column N_CW: 'two' is not an integer");
    }

    [TestMethod]
    public void InconsistentCountsAreRejected()
    {
        using var fixture = new PaperFixture();
        fixture.Edit(PaperTableKind.Mg, 5, line: 2, "NVOTE", "99");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => PaperTables.Load(fixture.Directory, verifyChecksums: false));
        Assert.AreEqual(("NVOTE", 2), (e.Column, e.Line));
        StringAssert.Contains(e.File, "GZ1_Expert-MG_test_5.csv");

        using var second = new PaperFixture();
        second.Edit(PaperTableKind.Esrl, 1, line: 2, "HAND", "1");
        var hand = Assert.ThrowsExactly<ManifestFormatException>(() => PaperTables.Load(second.Directory, verifyChecksums: false));
        Assert.AreEqual("HAND", hand.Column);

        using var third = new PaperFixture();
        third.Edit(PaperTableKind.Esrl, 2, line: 3, "CW", "0.500");
        Assert.AreEqual("CW", Assert.ThrowsExactly<ManifestFormatException>(() => PaperTables.Load(third.Directory, verifyChecksums: false)).Column);
    }

    [TestMethod]
    public void ChecksumMismatchNamesTheFile()
    {
        using var fixture = new PaperFixture();
        File.AppendAllText(fixture.PathOf(PaperTableKind.Mg, 4), "\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PaperTables.Load(fixture.Directory));
        StringAssert.Contains(e.Message, "Checksum mismatch for GZ1_Expert-MG_test_4.csv");
    }

    [TestMethod]
    public void WrongHeaderIsRejected()
    {
        using var fixture = new PaperFixture();
        var path = fixture.PathOf(PaperTableKind.Esrl, 1);
        File.WriteAllText(path, File.ReadAllText(path).Replace("HAND", "HANDS", StringComparison.Ordinal));
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => PaperTables.Load(fixture.Directory, verifyChecksums: false));
        Assert.AreEqual((1, "HANDS"), (e.Line, e.Column));
    }

    [TestMethod]
    public void MergedJoinsByObjid()
    {
        using var fixture = new PaperFixture();
        var merged = PaperTables.Load(fixture.Directory).Merged().ToDictionary(r => r.Id);

        Assert.AreEqual(15, merged.Count);
        var both = merged["1011"];
        Assert.AreEqual(("elliptical", "elliptical", "non_merger"), (both.ExpertES, both.ExpertERL, both.ExpertMG));
        Assert.IsNull(both.Fold);
        Assert.AreEqual(0.61, both.EllipticalDebiased123, "merged galaxies keep the ESRL table's EL_DEB[123]");
        Assert.AreEqual(("spiral", "anticlockwise", (string?)null), (merged["1012"].ExpertES, merged["1012"].ExpertERL, merged["1012"].ExpertMG));
        Assert.AreEqual("merger", merged["2012"].ExpertMG);
    }

    [TestMethod]
    public void ManifestExportRoundTrips()
    {
        using var fixture = new PaperFixture();
        var output = Path.Combine(fixture.Directory, "out");
        var result = PaperManifestExport.Run(new PaperManifestOptions(fixture.Directory, output));

        Assert.AreEqual((10, 10), (result.EsrlCount, result.MgCount));
        var tables = PaperTables.Load(fixture.Directory);
        CollectionAssert.AreEqual(tables.Esrl.Records.ToArray(), ManifestCsv.Read(result.EsrlManifest).ToArray());
        CollectionAssert.AreEqual(tables.Mg.Records.ToArray(), ManifestCsv.Read(result.MgManifest).ToArray());
    }
}
