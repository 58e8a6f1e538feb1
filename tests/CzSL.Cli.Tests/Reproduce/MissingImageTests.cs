using CzSL.Data.Splits;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Tests.Reproduce;

[TestClass]
public sealed class MissingImageTests
{
    [TestMethod]
    public void EverySetCountsItsGalaxiesWithAndWithoutAnImage()
    {
        using var fixture = new ReproduceFixture();
        var tables = PaperTables.Load(fixture.Tables);
        var work = Path.Combine(fixture.Root, "work");
        var images = PaperImageSet.Load(tables.Esrl, fixture.Images, null, work);
        Assert.AreEqual(5 * ReproduceFixture.RowsPerFold / ReproduceFixture.ImageEvery, images.Count);
        Assert.AreEqual(images.Count, images.Store.Count);

        var fold = PaperFold.Build(tables.Esrl, 2, images.IndexOf);
        // Training file of fold 2: test files 1, 3, 4, 5 in order; row r of file f has an image when r % ImageEvery == 0.
        var training = new[] { 1, 3, 4, 5 }.SelectMany(f => Enumerable.Range(0, ReproduceFixture.RowsPerFold).Select(r => ReproduceFixture.HasImage(r))).ToArray();
        var split = PaperSplit.Of(training.Length);
        SetCount Expected(Range range) => new(training[range].Length, training[range].Count(x => x));
        Assert.AreEqual(Expected(..), fold.Training.Count);
        Assert.AreEqual(Expected(split.L), fold.L.Count);
        Assert.AreEqual(Expected(split.A), fold.A.Count);
        Assert.AreEqual(Expected(split.U), fold.U.Count);
        Assert.AreEqual(new SetCount(ReproduceFixture.RowsPerFold, ReproduceFixture.RowsPerFold / ReproduceFixture.ImageEvery), fold.Test.Count);
        Assert.AreEqual(fold.Training.Count.Missing, fold.L.Count.Missing + fold.A.Count.Missing + fold.U.Count.Missing);

        // Imaged galaxies point at their own pixels: the store index of a galaxy is where its image was decoded.
        foreach (var (record, store) in fold.Test.Imaged)
            Assert.AreEqual(store, images.IndexOf(record.Id));
        Assert.IsTrue(fold.Test.Imaged.All(x => ReproduceFixture.HasImage(int.Parse(x.Record.Id[^4..]))));
    }

    [TestMethod]
    public void ATableWithoutAnyImageFailsNamingTheFolder()
    {
        using var fixture = new ReproduceFixture();
        var tables = PaperTables.Load(fixture.Tables);
        var empty = Path.Combine(fixture.Root, "no-images");
        Directory.CreateDirectory(empty);
        var error = Assert.ThrowsExactly<InvalidDataException>(() => PaperImageSet.Load(tables.Mg, empty, null, Path.Combine(fixture.Root, "work")));
        StringAssert.Contains(error.Message, empty);
    }
}
