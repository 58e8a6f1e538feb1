using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Import;

/// <summary>Whether the labels an import reads are experts' or amateurs'.</summary>
public enum LabelKind
{
    /// <summary>Amateur (citizen-science) labels.</summary>
    Amateur,
    /// <summary>Expert labels.</summary>
    Expert,
}

/// <summary>
/// The user's own task an import labels: its name, classes and metric, the label-CSV columns its labels come from, and
/// the share of amateur labels to treat as expert labels instead (for a set with one kind of label).
/// </summary>
public sealed record TaskImport
{
    /// <summary>Task name (lower-case letters, digits, underscores).</summary>
    public required string Name { get; init; }
    /// <summary>Class names in output order; null: the class folders' names, or the labels found, sorted.</summary>
    public IReadOnlyList<string>? Classes { get; init; }
    /// <summary>How the task is scored.</summary>
    public TaskMetric Metric { get; init; } = TaskMetric.Accuracy;
    /// <summary>Label-CSV column of the expert label (a class name), or null.</summary>
    public string? ExpertColumn { get; init; }
    /// <summary>Label-CSV column of the amateur label (a class name), or null.</summary>
    public string? AmateurColumn { get; init; }
    /// <summary>Label-CSV vote-count columns, one per class in class order, or null.</summary>
    public IReadOnlyList<string>? VoteColumns { get; init; }
    /// <summary>
    /// Share in (0, 1) of the amateur-labelled galaxies, drawn per class with <see cref="Seed"/>, whose label becomes an
    /// expert label (and stops being an amateur one); null: none.
    /// </summary>
    public double? ExpertFraction { get; init; }
    /// <summary>Seed of the <see cref="ExpertFraction"/> draw.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The task with <paramref name="classes"/> when <see cref="Classes"/> is null (manifest columns: <see cref="TaskColumns.Default"/>).</summary>
    /// <exception cref="ArgumentException">A bad name, class list or metric.</exception>
    public Scenario Declare(IReadOnlyList<string> classes) => Scenario.Custom(Name, Classes ?? classes, Metric);

    /// <summary>Turns <see cref="ExpertFraction"/> of the amateur labels of <paramref name="task"/> into expert labels (stratified by class, seeded).</summary>
    public IReadOnlyList<GalaxyRecord> MoveToExpert(IReadOnlyList<GalaxyRecord> records, Scenario task)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(task);
        if (ExpertFraction is not { } fraction) return records;
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentException($"The expert fraction must lie in (0, 1), got {fraction}.");
        var result = records.ToArray();
        for (var c = 0; c < task.ClassNames.Count; c++)
        {
            var name = task.ClassNames[c];
            var members = Enumerable.Range(0, result.Length).Where(i => result[i].Task(task)?.Amateur == name).ToArray();
            var take = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
            var order = SeededRandom.Derive(Seed, (ulong)c).Permutation(members.Length);
            foreach (var k in order.Take(take))
            {
                var r = result[members[k]];
                var labels = r.Task(task)!;
                result[members[k]] = r with { Tasks = new Dictionary<string, TaskLabels> { [task.Id] = labels with { Expert = name, Amateur = null } } };
            }
        }
        return result;
    }

    /// <summary>Reads the task's columns of a label CSV, row by row.</summary>
    internal sealed class CsvReader
    {
        private readonly CsvTable _table;
        private readonly int _expert;
        private readonly int _amateur;
        private readonly int[] _votes;

        public CsvReader(CsvTable table, TaskImport import)
        {
            _table = table;
            _expert = import.ExpertColumn is { } e ? table.Require(e) : -1;
            _amateur = import.AmateurColumn is { } a ? table.Require(a) : -1;
            _votes = import.VoteColumns?.Select(table.Require).ToArray() ?? [];
            if (_expert < 0 && _amateur < 0 && _votes.Length == 0)
                throw new ArgumentException($"Task '{import.Name}': give an expert-label, amateur-label or vote-count column.");
            if (_votes.Length > 0 && import.Classes is null)
                throw new ArgumentException($"Task '{import.Name}': vote-count columns need the class names in their order.");
        }

        /// <summary>Every label the CSV gives (to derive the class names), sorted.</summary>
        public IReadOnlyList<string> Labels() =>
            [.. _table.Rows.SelectMany(row => new[] { Text(row, _expert), Text(row, _amateur) }).OfType<string>().Select(s => s.ToLowerInvariant())
                .Distinct().Order(StringComparer.Ordinal)];

        /// <summary>The task labels of <paramref name="row"/>, or null when it has none.</summary>
        public TaskLabels? Read(CsvRow row, Scenario task)
        {
            string? Label(int column) => Text(row, column) is { } s
                ? task.Canonical(s) ?? throw _table.Error(row, column, $"'{s}' is not a {task} class; expected one of: {string.Join(", ", task.ClassNames)}")
                : null;
            var given = _votes.Count(c => Text(row, c) is not null);
            if (given > 0 && given < _votes.Length)
                throw _table.Error(row, _votes.First(c => Text(row, c) is null), $"empty while {given} other vote counts are given; vote counts are all or none");
            int[]? votes = given == 0 ? null : _votes.Select(c => _table.Integer(row, c, min: 0)).ToArray();
            var (expert, amateur) = (Label(_expert), Label(_amateur));
            return expert is null && amateur is null && votes is null ? null : new TaskLabels(expert, amateur, votes);
        }

        private string? Text(CsvRow row, int column) => column < 0 ? null : _table.Text(row, column, optional: true);
    }
}
