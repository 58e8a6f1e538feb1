using CzSL.MLNet.Scoring;

namespace CzSL.MLNet.Tests.Scoring;

[TestClass]
public sealed class PredictionShardTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 1000).Select(i => $"5877{i:D14}")];

    [TestMethod]
    public void TheAssignmentMatchesAnIndependentSha256AndDoesNotDependOnOrder()
    {
        // Python: int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") % n — an independent implementation.
        Assert.AreEqual(1, PredictionShard.Of("587722953303916935", 2));
        Assert.AreEqual(3, PredictionShard.Of("587722953303916935", 4));
        Assert.AreEqual(3, PredictionShard.Of("587722953303916935", 16));
        Assert.AreEqual(14, PredictionShard.Of("galaxy-1", 16));

        var inputs = Ids.Select(id => new ImageInput(id, $"/a/{id}.jpeg")).ToList();
        var shuffled = inputs.OrderBy(i => PredictionShard.Of(i.Id + "salt", 997)).ToList();
        for (var k = 0; k < 4; k++)
        {
            var shard = new PredictionShard(k, 4);
            CollectionAssert.AreEquivalent(shard.Select(inputs).Select(i => i.Id).ToList(), shard.Select(shuffled).Select(i => i.Id).ToList());
            // The same ids from another folder (another machine's mount) land in the same shard.
            CollectionAssert.AreEqual(shard.Select(inputs).Select(i => i.Id).ToList(),
                shard.Select(inputs.Select(i => i with { Path = "/other" + i.Path })).Select(i => i.Id).ToList());
        }
    }

    [TestMethod]
    public void EveryInputIsInExactlyOneShardAndTheShardsAreBalanced()
    {
        var inputs = Ids.Select(id => new ImageInput(id, $"/a/{id}.jpeg")).ToList();
        var shards = Enumerable.Range(0, 4).Select(k => new PredictionShard(k, 4).Select(inputs)).ToList();
        Assert.AreEqual(inputs.Count, shards.Sum(s => s.Count));
        CollectionAssert.AreEquivalent(inputs, shards.SelectMany(s => s).ToList());
        // Binomial(1000, 1/4): sd ≈ 13.7, so each shard lies within 250 ± 60 (≈ 4.4 sd).
        foreach (var shard in shards) Assert.IsTrue(shard.Count is > 190 and < 310, $"unbalanced shard: {shard.Count}");
    }

    [TestMethod]
    public void ParseAcceptsIOverNAndRefusesTheRest()
    {
        Assert.AreEqual(new PredictionShard(3, 4), PredictionShard.Parse("3/4"));
        foreach (var bad in new[] { "4/4", "1", "a/b", "-1/4", "1/0", "1/2/3" })
            Assert.ThrowsExactly<FormatException>(() => PredictionShard.Parse(bad), bad);
    }

    [TestMethod]
    public void TheMergeKeepsInputOrderAndDetectsAMissingOrDuplicatedInput()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-shards-").FullName;
        try
        {
            var inputs = Enumerable.Range(0, 6).Select(i => new ImageInput($"g{i}", $"/img/g{i}.png")).ToList();
            string Row(ImageInput i) => $"{i.Id},{i.Path},a,0.75,0.25,";
            string Shard(string name, IEnumerable<ImageInput> rows)
            {
                var path = Path.Combine(folder, name);
                File.WriteAllLines(path, ["id,image,predicted,p_a,p_b,error", .. rows.Select(Row)]);
                return path;
            }
            var even = Shard("s0.csv", inputs.Where((_, i) => i % 2 == 0).Reverse());
            var odd = Shard("s1.csv", inputs.Where((_, i) => i % 2 == 1));
            var merged = Path.Combine(folder, "all.csv");

            var summary = PredictionShardMerge.Merge(inputs, [odd, even], merged);
            Assert.AreEqual(6, summary.Rows);
            CollectionAssert.AreEqual(new[] { "id,image,predicted,p_a,p_b,error" }.Concat(inputs.Select(Row)).ToList(), File.ReadAllLines(merged));

            var missing = Assert.ThrowsExactly<InvalidDataException>(() => PredictionShardMerge.Merge(inputs, [even], Path.Combine(folder, "m.csv")));
            StringAssert.Contains(missing.Message, "3 of 6 inputs are in no shard, first: id g1");
            var duplicate = Shard("dup.csv", [inputs[2]]);
            var twice = Assert.ThrowsExactly<InvalidDataException>(() => PredictionShardMerge.Merge(inputs, [even, odd, duplicate], Path.Combine(folder, "d.csv")));
            StringAssert.Contains(twice.Message, $"{duplicate}, line 2: id g2");
            StringAssert.Contains(twice.Message, $"also {even}, line 3");
            var stranger = Shard("x.csv", [new ImageInput("g9", "/img/g9.png")]);
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => PredictionShardMerge.Merge(inputs, [even, odd, stranger], Path.Combine(folder, "x-out.csv"))).Message,
                "id g9 (/img/g9.png) is not one of the inputs");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "m.csv")), "a failed merge wrote its output");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
