using CzSL.Data.Manifest;
using CzSL.DataPrep.Crossmatch;
using CzSL.DataPrep.Tests.Download;

namespace CzSL.DataPrep.Tests.Crossmatch;

[TestClass]
public sealed class SkyCrossmatchTests
{
    private static GalaxyRecord Record(string id, double? ra, double? dec) => new() { Id = id, Ra = ra, Dec = dec };

    private static CatalogEntry Entry(string id, double ra, double dec, string ttype = "0") =>
        new(id, ra, dec, new Dictionary<string, string> { ["TType"] = ttype });

    [TestMethod]
    public void Separation_is_the_great_circle_distance()
    {
        Assert.AreEqual(3600, SkyIndex.Separation(10, 0, 11, 0), 1e-9);
        Assert.AreEqual(0.72, SkyIndex.Separation(359.9999, 0, 0.0001, 0), 1e-6);
        Assert.AreEqual(0.72, SkyIndex.Separation(10, 89.9999, 190, 89.9999), 1e-6, "across the pole");
        Assert.AreEqual(180 * 3600, SkyIndex.Separation(0, 0, 180, 0), 1e-6);
        Assert.AreEqual(3600 * 0.5, SkyIndex.Separation(45, 60, 45, 60.5), 1e-6);
        // At dec 60° one degree of RA is half a degree of arc (to first order).
        Assert.AreEqual(1800, SkyIndex.Separation(0, 60, 1, 60), 1.0);
    }

    [TestMethod]
    public void Matches_across_the_ra_wrap_and_near_the_poles()
    {
        var catalogue = new[]
        {
            Entry("wrap", 0.0001, 10),
            Entry("north", 190, 89.9999),
            Entry("south", 270, -89.99995),
            Entry("far", 120, 30),
        };
        var records = new[]
        {
            Record("a", 359.9999, 10),
            Record("b", 10, 89.9999),
            Record("c", 90, -89.99995),
            Record("d", 0.0001, -10),
        };
        var result = SkyCrossmatch.Match(records, catalogue);
        Assert.AreEqual(3, result.Matched);
        Assert.AreEqual("wrap", result.Matches[0].Entry.Id);
        Assert.AreEqual(0.72 * Math.Cos(10 * Math.PI / 180), result.Matches[0].SeparationArcsec, 1e-4);
        Assert.AreEqual("north", result.Matches[1].Entry.Id);
        Assert.AreEqual(0.72, result.Matches[1].SeparationArcsec, 1e-4);
        Assert.AreEqual("south", result.Matches[2].Entry.Id);
        Assert.AreEqual(0.36, result.Matches[2].SeparationArcsec, 1e-4);
        CollectionAssert.AreEqual(new[] { "d" }, result.UnmatchedIds.ToArray());
        Assert.AreEqual(0, result.Ambiguous);
    }

    [TestMethod]
    public void Several_candidates_take_the_nearest_and_count_as_ambiguous()
    {
        var catalogue = new[]
        {
            Entry("further", 150 + 1.5 / 3600, 2, "5"),
            Entry("nearest", 150, 2 + 0.5 / 3600, "-5"),
            Entry("outside", 150, 2 + 2.5 / 3600),
        };
        var records = new[] { Record("g", 150, 2), Record("h", 150, 2 + 1.0 / 3600), Record("none", 150, 3), Record("nopos", null, null) };
        var result = SkyCrossmatch.Match(records, catalogue);

        Assert.AreEqual(2, result.Matched);
        Assert.AreEqual("nearest", result.Matches[0].Entry.Id);
        Assert.AreEqual(2, result.Matches[0].Candidates);
        Assert.AreEqual(0.5, result.Matches[0].SeparationArcsec, 1e-6);
        Assert.AreEqual("nearest", result.Matches[1].Entry.Id, "h is 0.5″ from 'nearest', 1.5″ from 'outside'");
        Assert.AreEqual(2, result.Ambiguous);
        Assert.AreEqual(1, result.SharedEntries, "both records took 'nearest'");
        CollectionAssert.AreEqual(new[] { "none" }, result.UnmatchedIds.ToArray());
        CollectionAssert.AreEqual(new[] { "nopos" }, result.NoPositionIds.ToArray());

        var narrow = SkyCrossmatch.Match(records, catalogue, radiusArcsec: 0.6);
        Assert.AreEqual(0, narrow.Ambiguous);
        Assert.AreEqual(2, narrow.Matched);
    }

    [TestMethod]
    public void The_index_finds_exactly_what_a_brute_force_search_finds()
    {
        var rng = new Random(12345);
        var points = new List<(double Ra, double Dec)>();
        // Clusters at awkward places (RA wrap, both poles, equator) plus a uniform sky.
        foreach (var (ra0, dec0) in new[] { (0.0, 0.0), (359.99, 45.0), (0.0, 89.99), (123.0, -89.98), (200.0, 10.0) })
            for (var i = 0; i < 300; i++)
                points.Add(((ra0 + (rng.NextDouble() - 0.5) * 0.05 + 360) % 360, Math.Clamp(dec0 + (rng.NextDouble() - 0.5) * 0.05, -90, 90)));
        for (var i = 0; i < 1000; i++)
            points.Add((rng.NextDouble() * 360, Math.Asin(2 * rng.NextDouble() - 1) * 180 / Math.PI));
        var index = new SkyIndex(points, zoneHeightDeg: 0.01);
        Assert.AreEqual(points.Count, index.Count);

        for (var q = 0; q < 400; q++)
        {
            var (ra, dec) = q < 300 ? points[rng.Next(points.Count)] : (rng.NextDouble() * 360, rng.NextDouble() * 180 - 90);
            ra = (ra + (rng.NextDouble() - 0.5) * 0.01 + 360) % 360;
            dec = Math.Clamp(dec + (rng.NextDouble() - 0.5) * 0.01, -90, 90);
            var radius = q % 2 == 0 ? 30.0 : 90.0;
            var expected = Enumerable.Range(0, points.Count)
                .Where(i => SkyIndex.Separation(ra, dec, points[i].Ra, points[i].Dec) <= radius).Order().ToArray();
            var got = index.Within(ra, dec, radius).Select(h => h.Index).Order().ToArray();
            CollectionAssert.AreEqual(expected, got, $"query {q} at ({ra}, {dec}) r={radius}″");
        }
    }

    [TestMethod]
    public void Results_are_nearest_first()
    {
        var index = new SkyIndex([(10, 10), (10, 10 + 3.0 / 3600), (10, 10 + 1.0 / 3600)]);
        var hits = index.Within(10, 10, 5);
        CollectionAssert.AreEqual(new[] { 0, 2, 1 }, hits.Select(h => h.Index).ToArray());
    }

    [TestMethod]
    public void Reads_a_vizier_style_catalogue_and_writes_the_matches()
    {
        using var dir = new ScratchFolder();
        var path = dir.Write("nair.tsv",
            "# VizieR J/ApJS/186/427\n#Column TType\nSDSS\tRAJ2000\tDEJ2000\tTType\n" +
            "J100000.00+013000.0\t10 00 00.00\t+01 30 00.0\t4\n" +
            "J000000.01-100000.0\t359.99999\t-10.0\t-5\n");
        var catalogue = ExternalCatalog.Read(path, new CatalogReadOptions { Delimiter = '\t', IdColumn = "SDSS", ValueColumns = ["TType"] });
        Assert.AreEqual(2, catalogue.Count);
        Assert.AreEqual(150, catalogue[0].Ra, 1e-9);
        Assert.AreEqual(1.5, catalogue[0].Dec, 1e-9);
        Assert.AreEqual("4", catalogue[0].Values["ttype"]);

        var result = SkyCrossmatch.Match([Record("r1", 150, 1.5 + 0.5 / 3600), Record("r2", 0.00001, -10)], catalogue);
        Assert.AreEqual(2, result.Matched);
        var csv = dir.File("out/matches.csv");
        result.WriteCsv(csv);
        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,match_id,separation_arcsec,candidates,TType", lines[0]);
        StringAssert.StartsWith(lines[1], "r1,J100000.00+013000.0,0.5,1,4");
        StringAssert.StartsWith(lines[2], "r2,J000000.01-100000.0,");
        StringAssert.EndsWith(lines[2], ",1,-5");
    }

    [TestMethod]
    public void Catalogue_errors_name_file_line_and_column()
    {
        using var dir = new ScratchFolder();
        var noRa = dir.Write("a.csv", "name,ra_deg,dec\nx,1,2\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(noRa));
        StringAssert.Contains(e.Message, "no RA column");
        Assert.AreEqual(1, ExternalCatalog.Read(noRa, new CatalogReadOptions { RaColumn = "ra_deg" }).Count);

        var badDec = dir.Write("b.csv", "RA,Dec,TType\n1,2,3\n4,95,6\n");
        e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(badDec));
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("Dec", e.Column);
        StringAssert.Contains(e.Message, "outside [-90, 90]");

        var missing = dir.Write("c.csv", "RA,Dec\n1,2\n");
        e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(missing, new CatalogReadOptions { ValueColumns = ["TType"] }));
        StringAssert.Contains(e.Message, "Could not find column 'TType'");
    }

    [TestMethod]
    public void Quoted_fields_keep_delimiters_and_line_breaks_and_lines_stay_right()
    {
        using var dir = new ScratchFolder();
        const string head = "id,RA,Dec,Note\na,1,2,\"x, \"\"y\"\"\"\nb,3,4,\"line1\nline2\"\n";
        var entries = ExternalCatalog.Read(dir.Write("q.csv", head + "c,5,6,z\n"), new CatalogReadOptions { IdColumn = "id" });
        Assert.AreEqual("x, \"y\"", entries[0].Values["Note"]);
        Assert.AreEqual("line1\nline2", entries[1].Values["Note"]);
        Assert.AreEqual(5, entries[2].Ra);

        var e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(dir.Write("bad.csv", head + "c,5,95,z\n")));
        Assert.AreEqual(5, e.Line, "the row after a two-line record starts on line 5");
        e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(dir.Write("open.csv", head + "c,5,6,\"z\n")));
        StringAssert.Contains(e.Message, "open.csv line 5: a quoted field is not closed");
        e = Assert.ThrowsExactly<ManifestFormatException>(() => ExternalCatalog.Read(dir.Write("short.csv", head + "c,5\n")));
        StringAssert.Contains(e.Message, "short.csv line 5: the row has 2 fields but the header (line 1) has 4");
    }

    [TestMethod]
    public void A_bad_radius_is_refused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SkyCrossmatch.Match([], [], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SkyCrossmatch.Match([], [], double.NaN));
    }
}
