using System.Globalization;
using System.Text;
using CzSL.Data.Csv;

namespace CzSL.Data.Manifest;

/// <summary>
/// Reads and writes <c>manifest.csv</c>: one row per galaxy, header names from <see cref="ManifestColumns"/>.
/// </summary>
/// <remarks>
/// <para>Format: RFC 4180 CSV read by <see cref="CsvTable"/>, UTF-8, invariant culture (<c>.</c> decimal point). The
/// header must name <c>id</c>; every other column is optional and may be left out of the header or left empty in a row.
/// Unknown or repeated header names fail.</para>
/// <para>Checks per row: the field count equals the header's; <c>id</c> is non-empty and unique; the six vote counts
/// (<c>n_el … n_mg</c>) are given all together or not at all, as non-negative integers; <c>n_cs</c> and
/// <c>n_votes</c>, when given, equal n_cw + n_acw + n_edge and the sum of the six; <c>ra</c> lies in [0, 360] and
/// <c>dec</c> in [−90, 90]; fractions and coordinates are finite numbers; expert and truth labels are class names of
/// <see cref="ScenarioClasses"/> and <c>consensus</c> a <see cref="Gz1Consensus"/> name (both case-insensitive, stored
/// lowercase); <c>fold</c> ≥ 1 and <c>order</c> ≥ 0. The columns of the dataset's own tasks
/// (<see cref="ManifestReadOptions.Tasks"/>, <see cref="TaskColumns"/>) are allowed too: expert and amateur labels are
/// class names of the task, and its vote counts, non-negative integers, are given all together or not at all. Every
/// failure names file, line and column (<see cref="ManifestFormatException"/>).</para>
/// </remarks>
public static class ManifestCsv
{
    /// <summary>The file name a dataset folder's manifest has.</summary>
    public const string FileName = "manifest.csv";

    /// <summary>Reads the records of <paramref name="path"/>.</summary>
    /// <exception cref="ManifestFormatException">A row or the header is invalid (and <see cref="ManifestReadOptions.SkipBad"/> is off, or the header is at fault).</exception>
    public static IReadOnlyList<GalaxyRecord> Read(string path, ManifestReadOptions? options = null) =>
        ReadWithReport(path, options).Records;

    /// <summary>Reads <paramref name="path"/>, returning also each record's line and the rows skipped.</summary>
    public static ManifestReadResult ReadWithReport(string path, ManifestReadOptions? options = null) =>
        ReadCore(path, options, rowCheck: null);

    /// <summary>
    /// Reads <paramref name="path"/>; <paramref name="rowCheck"/> may reject a parsed record by returning
    /// (column, problem), which is handled like any other bad row.
    /// </summary>
    internal static ManifestReadResult ReadCore(string path, ManifestReadOptions? options, Func<GalaxyRecord, (string Column, string Problem)?>? rowCheck)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ManifestReadOptions();
        var table = CsvTable.Open(path);
        var header = Header.Parse(table, options.Tasks);

        var result = new List<GalaxyRecord>();
        var lines = new List<int>();
        var skipped = new List<ManifestFormatException>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Skip(ManifestFormatException e)
        {
            skipped.Add(e);
            options.OnSkip?.Invoke(e.Message);
        }
        foreach (var row in table.ReadRows(options.SkipBad ? Skip : null))
        {
            try
            {
                var record = ParseRow(path, header, row, options.Tasks);
                if (!ids.Add(record.Id))
                    throw new ManifestFormatException(path, row.Line, ManifestColumns.Id, $"duplicate id '{record.Id}'");
                if (rowCheck?.Invoke(record) is { } bad)
                {
                    ids.Remove(record.Id);
                    throw new ManifestFormatException(path, row.Line, bad.Column, bad.Problem);
                }
                result.Add(record);
                lines.Add(row.Line);
            }
            catch (ManifestFormatException e) when (options.SkipBad)
            {
                Skip(e);
            }
        }
        return new ManifestReadResult(result, lines, skipped) { Columns = table.Header.ToList() };
    }

    /// <summary>
    /// Writes <paramref name="records"/> to <paramref name="path"/> atomically (a temporary file in the same folder, then
    /// a move over the target). Writes <c>id</c> and <c>image</c> always, other columns only when some record has a
    /// value for them; with votes it also writes the derived <c>n_cs</c> and <c>n_votes</c>. Numbers use the invariant
    /// culture and round-trip exactly. The columns of <paramref name="tasks"/> follow, those some record has a value for.
    /// </summary>
    /// <exception cref="ArgumentException">Two records share an id, an id is empty, or a record has labels of a task not in <paramref name="tasks"/>.</exception>
    public static void Write(string path, IEnumerable<GalaxyRecord> records, IReadOnlyList<Scenario>? tasks = null)
    {
        tasks ??= [];
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in list)
        {
            if (string.IsNullOrEmpty(r.Id)) throw new ArgumentException("A record has an empty id.", nameof(records));
            if (!ids.Add(r.Id)) throw new ArgumentException($"Duplicate id '{r.Id}'.", nameof(records));
            if (r.Tasks.Keys.FirstOrDefault(k => tasks.All(t => t.Id != k)) is { } unknown)
                throw new ArgumentException($"Galaxy '{r.Id}' has labels of task '{unknown}', which is not among the tasks written.", nameof(records));
        }

        var columns = ManifestColumns.All.Where(c => c is ManifestColumns.Id or ManifestColumns.Image || list.Any(r => Field(r, c) is not null))
            .Select(c => (Name: c, Value: (Func<GalaxyRecord, string?>)(r => Field(r, c))))
            .Concat(tasks.SelectMany(TaskFields).Where(c => list.Any(r => c.Value(r) is not null)))
            .ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => c.Name)).Append('\n');
        foreach (var r in list)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0) sb.Append(',');
                CsvField.Append(sb, columns[i].Value(r) ?? "");
            }
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>The columns of a user's own task with their values.</summary>
    private static IEnumerable<(string Name, Func<GalaxyRecord, string?> Value)> TaskFields(Scenario task)
    {
        var columns = task.Columns ?? throw new ArgumentException($"Scenario {task} is built in; only a user's own tasks are written as task columns.");
        yield return (columns.Expert, r => r.Task(task)?.Expert);
        yield return (columns.Amateur, r => r.Task(task)?.Amateur);
        for (var i = 0; i < columns.Votes.Count; i++)
        {
            var k = i;
            yield return (columns.Votes[k], r => r.Task(task)?.Votes?[k].ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string? Field(GalaxyRecord r, string column)
    {
        var inv = CultureInfo.InvariantCulture;
        var v = r.Votes;
        return column switch
        {
            ManifestColumns.Id => r.Id,
            ManifestColumns.Image => r.Image,
            ManifestColumns.Ra => r.Ra?.ToString("R", inv),
            ManifestColumns.Dec => r.Dec?.ToString("R", inv),
            ManifestColumns.NEl => v?.Elliptical.ToString(inv),
            ManifestColumns.NCw => v?.Clockwise.ToString(inv),
            ManifestColumns.NAcw => v?.Anticlockwise.ToString(inv),
            ManifestColumns.NEdge => v?.EdgeOn.ToString(inv),
            ManifestColumns.NDk => v?.DontKnow.ToString(inv),
            ManifestColumns.NMg => v?.Merger.ToString(inv),
            ManifestColumns.NCs => v?.Spiral.ToString(inv),
            ManifestColumns.NVotes => v?.Total.ToString(inv),
            ManifestColumns.ElDeb => r.EllipticalDebiased?.ToString("R", inv),
            ManifestColumns.CsDeb => r.SpiralDebiased?.ToString("R", inv),
            ManifestColumns.ElDeb123 => r.EllipticalDebiased123?.ToString("R", inv),
            ManifestColumns.CsDeb123 => r.SpiralDebiased123?.ToString("R", inv),
            ManifestColumns.Consensus => r.Consensus,
            ManifestColumns.ExpertES => r.ExpertES,
            ManifestColumns.ExpertERL => r.ExpertERL,
            ManifestColumns.ExpertMG => r.ExpertMG,
            ManifestColumns.TruthES => r.TruthES,
            ManifestColumns.TruthERL => r.TruthERL,
            ManifestColumns.TruthMG => r.TruthMG,
            ManifestColumns.TruthType => r.TruthType,
            ManifestColumns.Fold => r.Fold?.ToString(inv),
            ManifestColumns.Order => r.Order?.ToString(inv),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown manifest column."),
        };
    }

    private static GalaxyRecord ParseRow(string path, Header header, CsvRow row, IReadOnlyList<Scenario> tasks)
    {
        var p = new RowParser(path, row, header);

        var id = p.Text(ManifestColumns.Id) ?? throw p.Error(ManifestColumns.Id, "the id is empty");
        return new GalaxyRecord
        {
            Id = id,
            Image = p.Text(ManifestColumns.Image),
            Ra = p.Number(ManifestColumns.Ra, 0, 360),
            Dec = p.Number(ManifestColumns.Dec, -90, 90),
            Votes = p.Votes(),
            EllipticalDebiased = p.Number(ManifestColumns.ElDeb),
            SpiralDebiased = p.Number(ManifestColumns.CsDeb),
            EllipticalDebiased123 = p.Number(ManifestColumns.ElDeb123),
            SpiralDebiased123 = p.Number(ManifestColumns.CsDeb123),
            Consensus = p.Consensus(),
            ExpertES = p.Label(ManifestColumns.ExpertES, Scenario.ES),
            ExpertERL = p.Label(ManifestColumns.ExpertERL, Scenario.ERL),
            ExpertMG = p.Label(ManifestColumns.ExpertMG, Scenario.MG),
            TruthES = p.Label(ManifestColumns.TruthES, Scenario.ES),
            TruthERL = p.Label(ManifestColumns.TruthERL, Scenario.ERL),
            TruthMG = p.Label(ManifestColumns.TruthMG, Scenario.MG),
            TruthType = p.Text(ManifestColumns.TruthType),
            Fold = p.Integer(ManifestColumns.Fold, min: 1),
            Order = p.Integer(ManifestColumns.Order, min: 0),
            Tasks = tasks.Count == 0 ? GalaxyRecord.NoTasks : tasks
                .Select(t => (t.Id, Labels: p.TaskLabels(t))).Where(x => x.Labels is not null).ToDictionary(x => x.Id, x => x.Labels!),
        };
    }

    /// <summary>The header: which known column sits at which field position.</summary>
    private sealed class Header
    {
        private readonly Dictionary<string, int> _index;

        private Header(Dictionary<string, int> index) => _index = index;

        public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

        // The table has already rejected a name given twice.
        public static Header Parse(CsvTable table, IReadOnlyList<Scenario> tasks)
        {
            var (path, line) = (table.File, table.HeaderLine);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var known = ManifestColumns.All.Concat(tasks.SelectMany(t => t.Columns?.All ?? [])).ToList();
            for (var i = 0; i < table.Header.Count; i++)
            {
                var name = table.Header[i];
                if (!known.Contains(name))
                    throw new ManifestFormatException(path, line, name,
                        $"unknown column '{name}' in the header; known columns: {string.Join(", ", known)}" +
                        (tasks.Count == 0 ? " (a dataset's own task columns are declared in its tasks.json)" : ""));
                index.Add(name, i);
            }
            foreach (var task in tasks)
            {
                var taskVotes = task.Columns!.Votes;
                var given = taskVotes.Count(index.ContainsKey);
                if (given is > 0 && given < taskVotes.Count)
                    throw new ManifestFormatException(path, line, taskVotes.First(c => !index.ContainsKey(c)),
                        $"the header has {given} of task {task}'s {taskVotes.Count} vote-count columns; they are given all together or not at all");
            }
            if (!index.ContainsKey(ManifestColumns.Id))
                throw new ManifestFormatException(path, line, ManifestColumns.Id, "the header has no 'id' column");
            var votes = ManifestColumns.Votes.Count(index.ContainsKey);
            if (votes is > 0 and < 6)
            {
                var missing = ManifestColumns.Votes.First(c => !index.ContainsKey(c));
                throw new ManifestFormatException(path, line, missing,
                    $"the header has {votes} of the 6 vote-count columns; vote counts are given all together or not at all");
            }
            foreach (var derived in new[] { ManifestColumns.NCs, ManifestColumns.NVotes })
                if (index.ContainsKey(derived) && votes == 0)
                    throw new ManifestFormatException(path, line, derived, $"'{derived}' needs the six vote-count columns");
            return new Header(index);
        }
    }

    /// <summary>Typed access to one row's fields, failing with the row's line and the column's name.</summary>
    private sealed class RowParser(string path, CsvRow row, Header header)
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public ManifestFormatException Error(string column, string problem) => new(path, row.Line, column, problem);

        public string? Text(string column)
        {
            var i = header.IndexOf(column);
            if (i < 0) return null;
            var s = row.Fields[i];
            return s.Length == 0 ? null : s;
        }

        public double? Number(string column, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        {
            if (Text(column) is not { } s) return null;
            if (!double.TryParse(s, NumberStyles.Float, Inv, out var v) || !double.IsFinite(v))
                throw Error(column, $"'{s}' is not a finite number");
            if (v < min || v > max)
                throw Error(column, $"{s} is outside [{min.ToString(Inv)}, {max.ToString(Inv)}]");
            return v;
        }

        public int? Integer(string column, int min)
        {
            if (Text(column) is not { } s) return null;
            if (!int.TryParse(s, NumberStyles.Integer, Inv, out var v))
                throw Error(column, $"'{s}' is not an integer");
            if (v < min)
                throw Error(column, $"{s} is less than {min}");
            return v;
        }

        public VoteCounts? Votes()
        {
            var given = ManifestColumns.Votes.Where(c => Text(c) is not null).ToList();
            if (given.Count == 0)
            {
                foreach (var derived in new[] { ManifestColumns.NCs, ManifestColumns.NVotes })
                    if (Text(derived) is { } d)
                        throw Error(derived, $"'{d}' is given but the six vote counts are empty");
                return null;
            }
            if (given.Count < 6)
            {
                var empty = ManifestColumns.Votes.First(c => Text(c) is null);
                throw Error(empty, $"empty while {given.Count} other vote counts are given; vote counts are all or none");
            }
            int Count(string c) => Integer(c, min: 0) ?? 0;
            var votes = new VoteCounts(Count(ManifestColumns.NEl), Count(ManifestColumns.NCw), Count(ManifestColumns.NAcw),
                Count(ManifestColumns.NEdge), Count(ManifestColumns.NDk), Count(ManifestColumns.NMg));
            var cs = Integer(ManifestColumns.NCs, min: 0);
            if (cs is { } c1 && c1 != votes.Spiral)
                throw Error(ManifestColumns.NCs, $"{c1} does not equal n_cw + n_acw + n_edge = {votes.Spiral}");
            var total = Integer(ManifestColumns.NVotes, min: 0);
            if (total is { } t && t != votes.Total)
                throw Error(ManifestColumns.NVotes, $"{t} does not equal the sum of the six vote counts = {votes.Total}");
            return votes;
        }

        public string? Label(string column, Scenario scenario)
        {
            if (Text(column) is not { } s) return null;
            foreach (var name in ScenarioClasses.Of(scenario))
                if (string.Equals(name, s, StringComparison.OrdinalIgnoreCase)) return name;
            throw Error(column, $"unknown {scenario} class '{s}'; expected one of: {string.Join(", ", ScenarioClasses.Of(scenario))}");
        }

        public TaskLabels? TaskLabels(Scenario task)
        {
            var columns = task.Columns!;
            var expert = Label(columns.Expert, task);
            var amateur = Label(columns.Amateur, task);
            var given = columns.Votes.Count(c => Text(c) is not null);
            if (given > 0 && given < columns.Votes.Count)
                throw Error(columns.Votes.First(c => Text(c) is null),
                    $"empty while {given} other vote counts of task {task} are given; vote counts are all or none");
            int[]? votes = given == 0 ? null : columns.Votes.Select(c => Integer(c, min: 0)!.Value).ToArray();
            return expert is null && amateur is null && votes is null ? null : new TaskLabels(expert, amateur, votes);
        }

        public string? Consensus()
        {
            if (Text(ManifestColumns.Consensus) is not { } s) return null;
            return Gz1Consensus.Normalize(s)
                ?? throw Error(ManifestColumns.Consensus, $"unknown GZ1 class '{s}'; expected one of: {string.Join(", ", Gz1Consensus.All)}");
        }
    }
}
