using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Splits;
using CzSL.Pipeline.Paper;

namespace CzSL.Pipeline.Paper;

/// <summary>Rows of a set and how many of them have an image.</summary>
/// <param name="Rows">Galaxies in the set (table rows).</param>
/// <param name="WithImage">Of those, galaxies with an image.</param>
public readonly record struct SetCount(int Rows, int WithImage)
{
    /// <summary>Galaxies without an image (left out of every image-based step, never silently).</summary>
    public int Missing => Rows - WithImage;
}

/// <summary>A set of one fold: its galaxies in file order and, for each, its store index (null without an image).</summary>
/// <param name="Name">"training", "L", "A", "U" or "test".</param>
/// <param name="Records">The galaxies, in file order.</param>
/// <param name="StoreIndices">Store index of each galaxy, or null when it has no image.</param>
public sealed record PaperSet(string Name, IReadOnlyList<GalaxyRecord> Records, IReadOnlyList<int?> StoreIndices)
{
    /// <summary>Rows and rows with an image.</summary>
    public SetCount Count => new(Records.Count, StoreIndices.Count(i => i is not null));

    /// <summary>The galaxies with an image, in file order, with their store indices.</summary>
    public IReadOnlyList<(GalaxyRecord Record, int Store)> Imaged =>
        Records.Select((r, i) => (r, StoreIndices[i])).Where(x => x.Item2 is not null).Select(x => (x.r, x.Item2!.Value)).ToList();

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    public PaperSet Concat(PaperSet other, string name) =>
        new(name, [.. Records, .. other.Records], [.. StoreIndices, .. other.StoreIndices]);
}

/// <summary>
/// One fold of the paper's protocol: the training fold in the paper's file order split into L (first 5%, expert
/// labels), A (next 20%, amateur labels) and U (the rest, unlabelled), and the test fold.
/// </summary>
public sealed record PaperFold(int Fold, PaperSet Training, PaperSet L, PaperSet A, PaperSet U, PaperSet Test)
{
    /// <summary>Builds fold <paramref name="fold"/> of <paramref name="table"/>; <paramref name="storeIndex"/> maps an objID to its image (or null).</summary>
    public static PaperFold Build(PaperTable table, int fold, Func<string, int?> storeIndex)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(storeIndex);
        PaperSet Set(string name, IReadOnlyList<GalaxyRecord> records) => new(name, records, records.Select(r => storeIndex(r.Id)).ToArray());
        var training = table.TrainingOrder(fold);
        var split = PaperSplit.Of(training.Count);
        return new PaperFold(fold, Set("training", training),
            Set("L", training.Take(split.L.End.Value).ToArray()),
            Set("A", training.Take(split.A).ToArray()),
            Set("U", training.Take(split.U).ToArray()),
            Set("test", table.TestFold(fold)));
    }
}

/// <summary>The paper's labels of a table galaxy: the expert's, and the amateurs' as the reference code defines them.</summary>
public static class PaperLabels
{
    /// <summary>The expert class index of <paramref name="record"/> in <paramref name="scenario"/>.</summary>
    /// <exception cref="InvalidDataException">The galaxy has no expert label for the scenario (wrong table).</exception>
    public static int Expert(GalaxyRecord record, Scenario scenario) =>
        ScenarioLabels.ExpertIndex(record, scenario)
        ?? throw new InvalidDataException($"Galaxy {record.Id} has no {scenario} expert label: {scenario} needs the {TableOf(scenario)} table.");

    /// <summary>
    /// The amateur class index: ES the published AMATEUR_MAJOR, ERL the vote majority (EL vs CS, then CW vs ACW),
    /// MG the published MG_AMATEUR flag.
    /// </summary>
    /// <exception cref="InvalidDataException">The galaxy is not in <paramref name="table"/> or lacks the column.</exception>
    public static int Amateur(PaperTable table, GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = table.Find(record.Id) ?? throw new InvalidDataException($"Galaxy {record.Id} is not in the {table.Kind} table.");
        int? label = scenario.Gz1 switch
        {
            Gz1Task.ES => row.AmateurMajor,
            Gz1Task.ERL => record.Votes is { } votes ? VoteRules.Majority(votes, Scenario.ERL) : null,
            Gz1Task.MG => row.MergerFlag,
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
        return label ?? throw new InvalidDataException(
            $"{PaperTableReader.FileName(table.Kind, record.Fold ?? 1)} line {row.Line}: galaxy {record.Id} has no {scenario} amateur label.");
    }

    /// <summary>The table a scenario reads.</summary>
    public static PaperTableKind TableOf(Scenario scenario) => scenario == Scenario.MG ? PaperTableKind.Mg : PaperTableKind.Esrl;
}
