using System.Text;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class CsvTableTests
{
    [TestMethod]
    public void QuotedFieldWithCommaAndLineBreak_KeepsItsValue_AndLaterLinesStayRight()
    {
        using var dir = new TempFolder();
        var path = dir.Write("t.csv", "id,note,value\na,\"x, y\nz\",1\nb,plain,2\nc,\"say \"\"hi\"\"\",abc\n");
        var table = CsvTable.Open(path);
        var rows = table.Rows.ToList();
        Assert.AreEqual("x, y\nz", rows[0].Fields[1]);
        Assert.AreEqual("say \"hi\"", rows[2].Fields[1]);
        CollectionAssert.AreEqual(new[] { 2, 4, 5 }, rows.Select(r => r.Line).ToArray(), "the quoted line break moves b to line 4");
        Assert.AreEqual(2, table.Number(rows[1], table.Require("value")));

        var e = Assert.ThrowsExactly<ManifestFormatException>(() => table.Number(rows[2], table.Require("VALUE")));
        Assert.AreEqual((path, 5, "value"), (e.File, e.Line, e.Column));
        Assert.AreEqual("t.csv line 5, column value: 'abc' is not a number", e.Message);
    }

    [TestMethod]
    public void RaggedRowFails_NamingFileLineAndFieldCounts()
    {
        using var dir = new TempFolder();
        var path = dir.Write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(path).Rows.ToList());
        Assert.AreEqual((path, 3, null), (e.File, e.Line, e.Column));
        Assert.AreEqual("ragged.csv line 3: the row has 2 fields but the header (line 1) has 3", e.Message);

        var longer = dir.Write("long.csv", "a,b\n1,2,3\n");
        StringAssert.Contains(Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(longer).Rows.ToList()).Message,
            "long.csv line 2: the row has 3 fields but the header (line 1) has 2");
    }

    [TestMethod]
    public void BadRowsCanBeReportedAndLeftOut()
    {
        using var dir = new TempFolder();
        var path = dir.Write("t.csv", "a,b\n1,2\n3\n4,x\"y\n5,6\n");
        var bad = new List<ManifestFormatException>();
        var rows = CsvTable.Open(path).ReadRows(bad.Add).ToList();
        CollectionAssert.AreEqual(new[] { 2, 5 }, rows.Select(r => r.Line).ToArray());
        CollectionAssert.AreEqual(new[] { 3, 4 }, bad.Select(b => b.Line).ToArray());
        StringAssert.Contains(bad[1].Problem, "a quote inside unquoted field 2");
    }

    [TestMethod]
    [DataRow("a,b\n1,\"x\"y\n", 2, "unexpected text after the closing quote of field 2", DisplayName = "text after closing quote")]
    [DataRow("a,b\n1,2\n3,\"4\n5,6\n", 3, "a quoted field is not closed before the end of the file", DisplayName = "unclosed quote")]
    [DataRow("a,b\"\n1,2\n", 1, "header: a quote inside unquoted field 2", DisplayName = "stray quote in the header")]
    public void BrokenQuotingFailsNamingTheLine(string text, int line, string problem)
    {
        using var dir = new TempFolder();
        var path = dir.Write("q.csv", text);
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(path).Rows.ToList());
        Assert.AreEqual(line, e.Line);
        Assert.IsNull(e.Column);
        StringAssert.Contains(e.Problem, problem);
    }

    [TestMethod]
    public void ByteOrderMarkCrLfAndEmptyLines()
    {
        using var dir = new TempFolder();
        var path = dir.File("bom.csv");
        File.WriteAllText(path, "id,name\r\n\r\n1,one\r\n2,\"t\r\nwo\"\r\n3,three\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var table = CsvTable.Open(path);
        CollectionAssert.AreEqual(new[] { "id", "name" }, table.Header.ToArray());
        Assert.AreEqual(0, table.Require("id"));
        var rows = table.Rows.ToList();
        CollectionAssert.AreEqual(new[] { 3, 4, 6 }, rows.Select(r => r.Line).ToArray(), "the empty line 2 is skipped but counted");
        Assert.AreEqual("t\r\nwo", rows[1].Fields[1]);
    }

    [TestMethod]
    public void HeaderProblems()
    {
        using var dir = new TempFolder();
        var twice = dir.Write("twice.csv", "id,Name, ID\n1,a,2\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(twice));
        Assert.AreEqual((1, " ID"), (e.Line, e.Column));
        StringAssert.Contains(e.Problem, "appears twice in the header (fields 1 and 3)");

        e = Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(dir.Write("empty.csv", "")));
        Assert.AreEqual("empty.csv line 1: the file is empty: no header row", e.Message);

        var table = CsvTable.Open(dir.Write("ok.csv", "id,name\n"));
        Assert.AreEqual(-1, table.IndexOf("ra"));
        e = Assert.ThrowsExactly<ManifestFormatException>(() => table.Require("ra"));
        Assert.AreEqual("ok.csv line 1, column ra: Could not find column 'ra' (the header has: id, name)", e.Message);
    }

    [TestMethod]
    public void OtherSeparatorsAndComments()
    {
        using var dir = new TempFolder();
        var path = dir.Write("v.tsv", "# VizieR\n#\nRA\tDec\tNote\n# between\n1.5\t-2\ta,b\n");
        var table = CsvTable.Open(path, new CsvTableOptions { Separator = '\t', Comments = true });
        Assert.AreEqual(3, table.HeaderLine);
        var row = table.Rows.Single();
        Assert.AreEqual(5, row.Line);
        Assert.AreEqual("a,b", row.Fields[2]);
        Assert.AreEqual(-2, table.Number(row, table.Require("dec"), -90, 90));

        var e = Assert.ThrowsExactly<ManifestFormatException>(() => CsvTable.Open(dir.Write("c.csv", "# note\na,b\n"), new CsvTableOptions()).Rows.ToList());
        Assert.AreEqual(2, e.Line, "without Comments a '#' line is the header");
    }
}
