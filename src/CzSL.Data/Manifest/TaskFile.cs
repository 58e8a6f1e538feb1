using System.Text.Json;
using System.Text.Json.Serialization;

namespace CzSL.Data.Manifest;

/// <summary>
/// <c>tasks.json</c> beside a dataset's manifest.csv: the dataset's own classification tasks (<see cref="Scenario.Custom"/>),
/// each named by its class names and the manifest columns holding its expert labels, amateur labels and vote counts.
/// </summary>
/// <remarks>
/// Format (camelCase JSON; unknown fields fail): <c>{"tasks": [{"name": "ring", "classes": ["no_ring", "ring"],
/// "metric": "accuracy", "mirror": null, "expertColumn": "expert_ring", "amateurColumn": "amateur_ring",
/// "voteColumns": ["votes_ring_no_ring", "votes_ring_ring"]}]}</c>. <c>metric</c> is <c>accuracy</c> (default) or
/// <c>gmean-auc</c> (an imbalanced binary task, class 1 the rare positive one); <c>mirror</c> the class permutation
/// under a mirror image (default: none); the columns default to <see cref="TaskColumns.Default"/>. Declared tasks get
/// seed slots 3, 4, … in file order. Documented with an example in docs/data.md.
/// </remarks>
public static class TaskFile
{
    /// <summary>The file name in a dataset folder.</summary>
    public const string FileName = "tasks.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The tasks declared in <paramref name="folder"/>'s tasks.json; none when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is not valid (the message names the file, the task and the problem).</exception>
    public static IReadOnlyList<Scenario> Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = Path.Combine(Path.GetFullPath(folder), FileName);
        if (!File.Exists(path)) return [];
        TaskFileJson? file;
        try
        {
            file = JsonSerializer.Deserialize<TaskFileJson>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid tasks file ({e.Message}).", e);
        }
        var entries = file?.Tasks ?? throw new InvalidDataException($"{path}: expected {{\"tasks\": [...]}}.");
        var tasks = new List<Scenario>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            try
            {
                var name = e.Name ?? throw new ArgumentException("it has no name.");
                var classes = e.Classes ?? throw new ArgumentException($"task '{name}' lists no classes.");
                var defaults = TaskColumns.Default(name, classes);
                var metric = TaskMetric.Accuracy;
                if (e.Metric is not null && !TaskMetrics.TryParse(e.Metric, out metric))
                    throw new ArgumentException($"task '{name}': metric '{e.Metric}' is not accuracy or gmean-auc.");
                var task = Scenario.Custom(name, classes, metric, e.Mirror,
                    new TaskColumns(e.ExpertColumn ?? defaults.Expert, e.AmateurColumn ?? defaults.Amateur, e.VoteColumns ?? defaults.Votes), 3 + i);
                if (tasks.Any(t => t.Id == task.Id)) throw new ArgumentException($"task '{name}' is declared twice.");
                if (task.Columns!.All.FirstOrDefault(c => ManifestColumns.All.Contains(c) || tasks.Any(t => t.Columns!.All.Contains(c))) is { } taken)
                    throw new ArgumentException($"task '{name}': column '{taken}' is already a manifest column.");
                tasks.Add(task);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{path}: task {i + 1}: {ex.Message}", ex);
            }
        }
        return tasks;
    }

    /// <summary>Writes <paramref name="tasks"/> (users' own tasks) as <paramref name="folder"/>'s tasks.json, atomically.</summary>
    public static void Write(string folder, IReadOnlyList<Scenario> tasks)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(tasks);
        var file = new TaskFileJson
        {
            Tasks = tasks.Select(t =>
            {
                var columns = t.Columns ?? throw new ArgumentException($"Scenario {t} is built in: it is not declared in {FileName}.", nameof(tasks));
                return new TaskJson
                {
                    Name = t.Id, Classes = [.. t.ClassNames], Metric = t.Metric.Name(), Mirror = t.MirrorClasses,
                    ExpertColumn = columns.Expert, AmateurColumn = columns.Amateur, VoteColumns = [.. columns.Votes],
                };
            }).ToList(),
        };
        AtomicFile.WriteAllText(Path.Combine(Path.GetFullPath(folder), FileName), JsonSerializer.Serialize(file, Json) + "\n");
    }

    private sealed class TaskFileJson
    {
        public List<TaskJson>? Tasks { get; set; }
    }

    private sealed class TaskJson
    {
        public string? Name { get; set; }
        public List<string>? Classes { get; set; }
        public string? Metric { get; set; }
        public int[]? Mirror { get; set; }
        public string? ExpertColumn { get; set; }
        public string? AmateurColumn { get; set; }
        public List<string>? VoteColumns { get; set; }
    }
}
