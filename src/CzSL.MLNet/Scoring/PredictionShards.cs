using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CzSL.Data;
using CzSL.Data.Csv;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> of a bulk prediction. An input belongs to the shard its id hashes to
/// (SHA-256 of the UTF-8 id, first 8 bytes, modulo the count): the assignment depends on nothing but the id and the
/// count, so it is the same on every machine, in every run and whatever order or folder the inputs come in.
/// </summary>
/// <param name="Index">The shard, 0 ≤ index &lt; count.</param>
/// <param name="Count">How many shards.</param>
public readonly record struct PredictionShard(int Index, int Count)
{
    /// <summary>Parses "I/N" (e.g. "3/16").</summary>
    /// <exception cref="FormatException">Not two integers with 0 ≤ I &lt; N.</exception>
    public static PredictionShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count > 0 && index < count)
            return new PredictionShard(index, count);
        throw new FormatException($"--shard: '{text}' is not I/N with 0 ≤ I < N (e.g. 0/4 for the first of 4 shards).");
    }

    /// <summary>The shard <paramref name="id"/> belongs to among <paramref name="count"/>.</summary>
    public static int Of(string id, int count)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>The inputs of this shard, in their order.</summary>
    public IReadOnlyList<ImageInput> Select(IEnumerable<ImageInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shard = this;
        return inputs.Where(i => Of(i.Id, shard.Count) == shard.Index).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>What <see cref="PredictionShardMerge.Merge"/> wrote.</summary>
/// <param name="Rows">Predictions written (one per input).</param>
/// <param name="Shards">Shard files read.</param>
/// <param name="OutputCsv">The merged CSV.</param>
public sealed record PredictionMergeSummary(int Rows, int Shards, string OutputCsv);

/// <summary>
/// Merges the prediction CSVs of a sharded run into one, in the inputs' order, after checking that every input
/// (id and image path) appears exactly once across the shards and that no shard holds a row for anything else.
/// </summary>
public static class PredictionShardMerge
{
    /// <summary>Merges <paramref name="shardCsvs"/> into <paramref name="outCsv"/> (atomically) for <paramref name="inputs"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// An input is missing from every shard, appears twice (both places named), a row names no input, or the shards'
    /// headers differ; nothing is written then.
    /// </exception>
    public static PredictionMergeSummary Merge(IReadOnlyList<ImageInput> inputs, IReadOnlyList<string> shardCsvs, string outCsv)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(shardCsvs);
        if (shardCsvs.Count == 0) throw new ArgumentException("No shard CSV to merge.", nameof(shardCsvs));
        var expected = new Dictionary<(string Id, string Path), int>();
        for (var i = 0; i < inputs.Count; i++)
            if (!expected.TryAdd((inputs[i].Id, inputs[i].Path), i))
                throw new InvalidDataException($"Input '{inputs[i].Path}' (id {inputs[i].Id}) is given twice{(inputs[i].Origin is { } o ? $" ({o})" : "")}.");
        var found = new (CsvRow Row, string File)?[inputs.Count];
        IReadOnlyList<string>? header = null;
        foreach (var csv in shardCsvs)
        {
            var table = CsvTable.Open(csv);
            if (header is null) header = table.Header;
            else if (!header.SequenceEqual(table.Header, StringComparer.Ordinal))
                throw new InvalidDataException($"{csv}: its header ({string.Join(",", table.Header)}) differs from {shardCsvs[0]}'s ({string.Join(",", header)}).");
            var id = table.Require("id");
            var image = table.Require("image");
            foreach (var row in table.Rows)
            {
                var key = (row.Fields[id], row.Fields[image]);
                if (!expected.TryGetValue(key, out var at))
                    throw new InvalidDataException($"{csv}, line {row.Line}: id {key.Item1} ({key.Item2}) is not one of the inputs.");
                if (found[at] is { } first)
                    throw new InvalidDataException($"{csv}, line {row.Line}: id {key.Item1} ({key.Item2}) appears twice (also {first.File}, line {first.Row.Line}).");
                found[at] = (row, csv);
            }
        }
        var missing = Enumerable.Range(0, inputs.Count).Where(i => found[i] is null).ToList();
        if (missing.Count > 0)
        {
            var first = inputs[missing[0]];
            throw new InvalidDataException($"{missing.Count:N0} of {inputs.Count:N0} inputs are in no shard, first: id {first.Id} ({first.Path}); " +
                                           "a shard is missing or incomplete (rerun it, then merge again).");
        }
        var sb = new StringBuilder();
        PredictionCsv.AppendRow(sb, header!);
        foreach (var row in found) PredictionCsv.AppendRow(sb, row!.Value.Row.Fields);
        AtomicFile.WriteAllText(outCsv, sb.ToString());
        return new PredictionMergeSummary(inputs.Count, shardCsvs.Count, Path.GetFullPath(outCsv));
    }
}
