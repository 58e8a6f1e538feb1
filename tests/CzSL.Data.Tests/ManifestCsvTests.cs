using CzSL.Data.Manifest;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class ManifestCsvTests
{
    private const string Header = "id,image,n_el,n_cw,n_acw,n_edge,n_dk,n_mg,expert_es";

    private static GalaxyRecord Full(string id, int order) => new()
    {
        Id = id,
        Image = $"images/{id}.png",
        Ra = 123.456789012345,
        Dec = -12.5,
        Votes = new VoteCounts(10, 3, 4, 5, 1, 2),
        EllipticalDebiased = 0.1 + order / 3.0,
        SpiralDebiased = 0.625,
        EllipticalDebiased123 = 0.2 + order / 7.0,
        SpiralDebiased123 = 0.375,
        Consensus = "spiral_acw",
        ExpertES = "spiral",
        ExpertERL = "anticlockwise",
        ExpertMG = "non_merger",
        TruthES = "spiral",
        TruthERL = "clockwise",
        TruthMG = "merger",
        TruthType = "Sb, barred \"quoted\"",
        Fold = 3,
        Order = order,
    };

    [TestMethod]
    public void RoundTripsEveryColumn()
    {
        using var dir = new TempFolder();
        var path = dir.File("manifest.csv");
        var records = new[] { Full("a", 0), Full("b", 1), new GalaxyRecord { Id = "c" } };
        ManifestCsv.Write(path, records);
        var back = ManifestCsv.Read(path);
        CollectionAssert.AreEqual(records, back.ToArray());
        var header = File.ReadLines(path).First();
        Assert.AreEqual(string.Join(",", ManifestColumns.All), header);
        Assert.IsFalse(Directory.GetFiles(dir.Path, "*.tmp").Any(), "temporary file left behind");
    }

    [TestMethod]
    public void WritesOnlyUsedColumns_IdAndImageAlways()
    {
        using var dir = new TempFolder();
        var path = dir.File("manifest.csv");
        ManifestCsv.Write(path, [new GalaxyRecord { Id = "x", Fold = 2 }, new GalaxyRecord { Id = "y" }]);
        var lines = File.ReadAllLines(path);
        CollectionAssert.AreEqual(new[] { "id,image,fold", "x,,2", "y,," }, lines);
        var back = ManifestCsv.Read(path);
        Assert.AreEqual(2, back[0].Fold);
        Assert.IsNull(back[1].Fold);
        Assert.IsNull(back[1].Image);
    }

    [TestMethod]
    public void WriteRejectsDuplicateIds()
    {
        using var dir = new TempFolder();
        Assert.ThrowsExactly<ArgumentException>(() =>
            ManifestCsv.Write(dir.File("m.csv"), [new GalaxyRecord { Id = "a" }, new GalaxyRecord { Id = "a" }]));
    }

    [TestMethod]
    public void ReadsQuotedFields_WithCommasQuotesAndLineBreaks()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv",
            "id,image,truth_type,fold\r\n" +
            "\"g,1\",\"img \"\"1\"\".png\",\"two\nlines\",1\r\n" +
            "g2,b.png,plain,2\r\n");
        var records = ManifestCsv.ReadWithReport(path);
        Assert.HasCount(2, records.Records);
        Assert.AreEqual("g,1", records.Records[0].Id);
        Assert.AreEqual("img \"1\".png", records.Records[0].Image);
        Assert.AreEqual("two\nlines", records.Records[0].TruthType);
        CollectionAssert.AreEqual(new[] { 2, 4 }, records.Lines.ToArray(), "the quoted line break moves the next row to line 4");
    }

    [TestMethod]
    public void LabelsAreCaseInsensitive_AndStoredLowercase()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", "id,consensus,expert_es,expert_erl,expert_mg\n1,Spiral_CW,SPIRAL,Clockwise,Merger\n");
        var r = ManifestCsv.Read(path).Single();
        Assert.AreEqual("spiral_cw", r.Consensus);
        Assert.AreEqual("spiral", r.ExpertES);
        Assert.AreEqual("clockwise", r.ExpertERL);
        Assert.AreEqual("merger", r.ExpertMG);
    }

    [TestMethod]
    public void DerivedVoteColumnsAreChecked()
    {
        using var dir = new TempFolder();
        var ok = dir.Write("ok.csv", Header + ",n_cs,n_votes\n1,,10,3,4,5,1,2,,12,25\n");
        Assert.AreEqual(new VoteCounts(10, 3, 4, 5, 1, 2), ManifestCsv.Read(ok).Single().Votes);

        var badCs = dir.Write("cs.csv", Header + ",n_cs,n_votes\n1,,10,3,4,5,1,2,,11,25\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(badCs));
        Assert.AreEqual("n_cs", e.Column);
        Assert.AreEqual(2, e.Line);

        var badTotal = dir.Write("t.csv", Header + ",n_cs,n_votes\n1,,10,3,4,5,1,2,,12,26\n");
        Assert.AreEqual("n_votes", Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(badTotal)).Column);
    }

    [TestMethod]
    [DataRow("1,,NaN,3,4,5,1,2,spiral", 2, "n_el", "'NaN' is not an integer", DisplayName = "NaN votes")]
    [DataRow("1,,10,abc,4,5,1,2,spiral", 2, "n_cw", "'abc' is not an integer", DisplayName = "malformed number")]
    [DataRow("1,,10,3,-4,5,1,2,spiral", 2, "n_acw", "-4 is less than 0", DisplayName = "negative votes")]
    [DataRow("1,,10,3,4,,1,2,spiral", 2, "n_edge", "vote counts are all or none", DisplayName = "partial votes")]
    [DataRow("1,,10,3,4,5,1,2,lenticular", 2, "expert_es", "unknown ES class 'lenticular'", DisplayName = "unknown class")]
    [DataRow("1,,10,3,4,5,1,2", 2, null, "the row has 8 fields but the header (line 1) has 9", DisplayName = "wrong column count")]
    [DataRow(",,10,3,4,5,1,2,spiral", 2, "id", "the id is empty", DisplayName = "empty id")]
    [DataRow("1,,10,3,4,5,1,2,spiral\n2,,1,1,1,1,1,1,spiral\n1,,1,1,1,1,1,1,elliptical", 4, "id", "duplicate id '1'", DisplayName = "duplicate id")]
    [DataRow("1,,10,3,4,5,1,2,spi\"ral", 2, null, "a quote inside unquoted field 9", DisplayName = "stray quote")]
    public void BadRowsFailNamingFileLineAndColumn(string rows, int line, string? column, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", Header + "\n" + rows + "\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(path));
        Assert.AreEqual(path, e.File);
        Assert.AreEqual(line, e.Line);
        Assert.AreEqual(column, e.Column);
        StringAssert.Contains(e.Problem, problem);
        var where = column is null ? $"manifest.csv line {line}: " : $"manifest.csv line {line}, column {column}: ";
        StringAssert.StartsWith(e.Message, where);
    }

    [TestMethod]
    public void MessageHasTheDocumentedForm()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", Header + "\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},,1,1,1,1,1,1,\n")) + "11,,abc,1,1,1,1,1,\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(path));
        Assert.AreEqual("manifest.csv line 12, column n_el: 'abc' is not an integer", e.Message);
    }

    [TestMethod]
    [DataRow("id,image,n_ell", "n_ell", "unknown column 'n_ell'")]
    [DataRow("id,image,id", "id", "appears twice")]
    [DataRow("image,fold", "id", "no 'id' column")]
    [DataRow("id,n_el,n_cw", "n_acw", "2 of the 6 vote-count columns")]
    public void BadHeaderFailsEvenWhenSkippingBadRows(string header, string column, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", header + "\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(path, new ManifestReadOptions { SkipBad = true }));
        Assert.AreEqual(1, e.Line);
        Assert.AreEqual(column, e.Column);
        StringAssert.Contains(e.Problem, problem);
    }

    [TestMethod]
    public void SkipBadCountsAndReportsEverySkippedRow()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", Header + "\n" +
            "1,,10,3,4,5,1,2,spiral\n" +
            "2,,x,3,4,5,1,2,spiral\n" +
            "3,,10,3,4,5,1,2,spiral\n" +
            "4,,10,3,4,5,1,2,ellipse\n" +
            "1,,1,1,1,1,1,1,\n" +
            "5,,1,1\n");
        var log = new List<string>();
        var result = ManifestCsv.ReadWithReport(path, new ManifestReadOptions { SkipBad = true, OnSkip = log.Add });
        CollectionAssert.AreEqual(new[] { "1", "3" }, result.Records.Select(r => r.Id).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 4 }, result.Lines.ToArray());
        Assert.HasCount(4, result.Skipped);
        CollectionAssert.AreEqual(new[] { 3, 5, 6, 7 }, result.Skipped.Select(s => s.Line).ToArray());
        CollectionAssert.AreEqual(result.Skipped.Select(s => s.Message).ToArray(), log);
        StringAssert.StartsWith(log[0], "manifest.csv line 3, column n_el:");
    }

    [TestMethod]
    public void NumbersUseInvariantCultureWhateverTheThreadCulture()
    {
        using var dir = new TempFolder();
        var path = dir.File("manifest.csv");
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            ManifestCsv.Write(path, [new GalaxyRecord { Id = "a", Ra = 1.5, Dec = -0.25 }]);
            StringAssert.Contains(File.ReadAllText(path), "a,,1.5,-0.25");
            Assert.AreEqual(1.5, ManifestCsv.Read(path).Single().Ra);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [TestMethod]
    public void CoordinatesOutOfRangeFail()
    {
        using var dir = new TempFolder();
        var path = dir.Write("manifest.csv", "id,ra,dec\na,10,91\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ManifestCsv.Read(path));
        Assert.AreEqual("dec", e.Column);
    }
}
