using System.Text.RegularExpressions;

namespace CzSL.Data;

/// <summary>The Galaxy Zoo 1 identity of a built-in scenario: which rules read its amateur labels from GZ1 votes.</summary>
public enum Gz1Task
{
    /// <summary>Elliptical vs spiral.</summary>
    ES,
    /// <summary>Elliptical / clockwise spiral / anticlockwise spiral.</summary>
    ERL,
    /// <summary>Merger vs not.</summary>
    MG,
}

/// <summary>How a scenario is scored.</summary>
public enum TaskMetric
{
    /// <summary>Accuracy (balanced or multi-class tasks).</summary>
    Accuracy,
    /// <summary>G-mean and ROC AUC of an imbalanced binary task whose class 1 is the rare, positive class (MG).</summary>
    GMeanAuc,
}

/// <summary>The task metrics' names in <c>tasks.json</c> and on the command line, written and parsed in one place.</summary>
public static class TaskMetrics
{
    private static readonly (TaskMetric Metric, string Name)[] Names = [(TaskMetric.Accuracy, "accuracy"), (TaskMetric.GMeanAuc, "gmean-auc")];

    /// <summary>The metric's name (<c>accuracy</c>, <c>gmean-auc</c>).</summary>
    public static string Name(this TaskMetric metric) => Names.Single(n => n.Metric == metric).Name;

    /// <summary>The metric named exactly <paramref name="name"/>; false for any other text.</summary>
    public static bool TryParse(string? name, out TaskMetric metric)
    {
        foreach (var (m, text) in Names)
            if (name == text)
            {
                metric = m;
                return true;
            }
        metric = default;
        return false;
    }
}

/// <summary>
/// The manifest columns of a user's own task: its expert label, its amateur label and its per-class vote counts
/// (<see cref="Votes"/>[i] counts votes for class i).
/// </summary>
/// <param name="Expert">Column of the expert label (a class name).</param>
/// <param name="Amateur">Column of the amateur label (a class name).</param>
/// <param name="Votes">One vote-count column per class, in class order.</param>
public sealed record TaskColumns(string Expert, string Amateur, IReadOnlyList<string> Votes)
{
    /// <summary>The default columns of task <paramref name="name"/>: <c>expert_NAME</c>, <c>amateur_NAME</c>, <c>votes_NAME_CLASS</c>.</summary>
    public static TaskColumns Default(string name, IReadOnlyList<string> classes) =>
        new($"expert_{name}", $"amateur_{name}", classes.Select(c => $"votes_{name}_{c}").ToList());

    /// <summary>Every column, expert first.</summary>
    public IEnumerable<string> All => new[] { Expert, Amateur }.Concat(Votes);
}

/// <summary>
/// A classification task ("scenario"): its name, class names in network output order, how it is scored, which classes a
/// mirror image swaps, and where its labels come from. ES, ERL and MG are the paper's three built-in tasks (labels
/// from the GZ1 vote and expert columns); <see cref="Custom"/> declares a user's own task (labels from
/// <see cref="TaskColumns"/>, declared in a dataset's <c>tasks.json</c>). Two scenarios are equal when their names are.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ScenarioJsonConverter))]
public sealed partial class Scenario : IEquatable<Scenario>, IComparable<Scenario>
{
    private readonly string _display;

    private Scenario(string id, string display, IReadOnlyList<string> classes, TaskMetric metric, int[]? mirror, Gz1Task? gz1,
        TaskColumns? columns, int seedSlot)
    {
        Id = id;
        _display = display;
        ClassNames = classes;
        Metric = metric;
        MirrorClasses = mirror;
        Gz1 = gz1;
        Columns = columns;
        SeedSlot = seedSlot;
    }

    /// <summary>Binary: elliptical (expert "M", early type) vs spiral (expert "L", late type). Metric: accuracy.</summary>
    public static Scenario ES { get; } = new("es", "ES", ScenarioClasses.ES, TaskMetric.Accuracy, null, Gz1Task.ES, null, 0);
    /// <summary>Three classes: elliptical / clockwise spiral / anticlockwise spiral. Metric: accuracy.</summary>
    public static Scenario ERL { get; } = new("erl", "ERL", ScenarioClasses.ERL, TaskMetric.Accuracy, [0, 2, 1], Gz1Task.ERL, null, 1);
    /// <summary>Imbalanced binary: merger (≈6.5%) vs not. Metrics: G-mean and ROC AUC.</summary>
    public static Scenario MG { get; } = new("mg", "MG", ScenarioClasses.MG, TaskMetric.GMeanAuc, null, Gz1Task.MG, null, 2);

    /// <summary>The three built-in tasks of the CzSL paper, in order.</summary>
    public static IReadOnlyList<Scenario> BuiltIn { get; } = [ES, ERL, MG];

    /// <summary>The lower-case name used in options, folder and file names ("es", "ring").</summary>
    public string Id { get; }
    /// <summary>Class names in network output order.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>How the task is scored.</summary>
    public TaskMetric Metric { get; }
    /// <summary>
    /// The class a mirror image of each class belongs to (a permutation of the class indices), or null when a mirror keeps
    /// every class (ERL swaps clockwise and anticlockwise).
    /// </summary>
    public int[]? MirrorClasses { get; }
    /// <summary>The GZ1 identity of a built-in task; null for a user's own task.</summary>
    public Gz1Task? Gz1 { get; }
    /// <summary>The manifest columns of a user's own task; null for a built-in one.</summary>
    public TaskColumns? Columns { get; }
    /// <summary>The task's place in the seed rule (built-ins 0–2, declared tasks 3, 4, … in declaration order).</summary>
    public int SeedSlot { get; }
    /// <summary>True for ES, ERL and MG.</summary>
    public bool IsBuiltIn => Gz1 is not null;
    /// <summary>True for an imbalanced binary task scored by G-mean and AUC, with class 1 the rare positive class.</summary>
    public bool IsRareBinary => Metric == TaskMetric.GMeanAuc;

    /// <summary>
    /// A user's own task. <paramref name="name"/> and the class names are lower-case letters, digits and underscores,
    /// starting with a letter; the name must not be a built-in one.
    /// </summary>
    /// <param name="name">Task name.</param>
    /// <param name="classes">At least two distinct class names, in output order.</param>
    /// <param name="metric"><see cref="TaskMetric.GMeanAuc"/> needs exactly two classes (class 1 positive).</param>
    /// <param name="mirror">Class permutation under a mirror image (an involution), or null.</param>
    /// <param name="columns">Manifest columns (null: <see cref="TaskColumns.Default"/>).</param>
    /// <param name="seedSlot">Place in the seed rule (≥ 3).</param>
    /// <exception cref="ArgumentException">A rule above is broken; the message says which.</exception>
    public static Scenario Custom(string name, IReadOnlyList<string> classes, TaskMetric metric = TaskMetric.Accuracy, int[]? mirror = null,
        TaskColumns? columns = null, int seedSlot = 3)
    {
        ArgumentNullException.ThrowIfNull(classes);
        RequireName(name, "task name");
        if (BuiltIn.Any(b => b.Id == name))
            throw new ArgumentException($"Task name '{name}' is a built-in scenario; choose another name.");
        if (classes.Count < 2) throw new ArgumentException($"Task '{name}' needs at least 2 classes (got {classes.Count}).");
        foreach (var c in classes) RequireName(c, $"class name of task '{name}'");
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
            throw new ArgumentException($"Task '{name}' lists a class twice: {string.Join(", ", classes)}.");
        if (metric == TaskMetric.GMeanAuc && classes.Count != 2)
            throw new ArgumentException($"Task '{name}': the G-mean/AUC metric needs exactly 2 classes (class 1 the rare positive one), got {classes.Count}.");
        if (mirror is not null &&
            (mirror.Length != classes.Count || mirror.Any(m => m < 0 || m >= classes.Count) || Enumerable.Range(0, mirror.Length).Any(i => mirror[mirror[i]] != i)))
            throw new ArgumentException($"Task '{name}': the mirror permutation [{string.Join(", ", mirror)}] must map each of the {classes.Count} classes to a class and back.");
        ArgumentOutOfRangeException.ThrowIfLessThan(seedSlot, 3);
        columns ??= TaskColumns.Default(name, classes);
        if (columns.Votes.Count != classes.Count)
            throw new ArgumentException($"Task '{name}': {columns.Votes.Count} vote columns for {classes.Count} classes.");
        var all = columns.All.ToList();
        if (all.Any(string.IsNullOrWhiteSpace) || all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            throw new ArgumentException($"Task '{name}': its columns must be non-empty and distinct ({string.Join(", ", all)}).");
        return new Scenario(name, name, [.. classes], metric, mirror is null || mirror.Select((m, i) => m == i).All(x => x) ? null : [.. mirror],
            null, columns, seedSlot);
    }

    /// <summary>
    /// The scenario a model card names: a built-in one by its name (any case), else a user's task named
    /// <paramref name="name"/> with <paramref name="classes"/> (nothing else of it is on a card).
    /// </summary>
    public static Scenario FromCard(string name, IReadOnlyList<string> classes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(classes);
        return BuiltIn.FirstOrDefault(b => string.Equals(b.Id, name, StringComparison.OrdinalIgnoreCase))
               ?? new Scenario(name, name, [.. classes], TaskMetric.Accuracy, null, null, TaskColumns.Default(name, classes), 3);
    }

    /// <summary>Index of <paramref name="className"/> (case-insensitive), or throws naming the valid names.</summary>
    /// <exception cref="FormatException">Not a class of this task.</exception>
    public int IndexOf(string className)
    {
        for (var i = 0; i < ClassNames.Count; i++)
            if (string.Equals(ClassNames[i], className, StringComparison.OrdinalIgnoreCase)) return i;
        throw new FormatException($"Unknown {this} class '{className}'; expected one of: {string.Join(", ", ClassNames)}.");
    }

    /// <summary>The class name equal to <paramref name="className"/> ignoring case, or null.</summary>
    public string? Canonical(string className) =>
        ClassNames.FirstOrDefault(n => string.Equals(n, className, StringComparison.OrdinalIgnoreCase));

    private static void RequireName(string? name, string what)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw new ArgumentException($"Bad {what} '{name}': use lower-case letters, digits and underscores, starting with a letter (e.g. ring, no_ring).");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <inheritdoc/>
    public bool Equals(Scenario? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scenario s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <summary>Order: the built-ins first (ES, ERL, MG), then declared tasks in declaration order, then by name.</summary>
    public int CompareTo(Scenario? other) =>
        other is null ? 1 : SeedSlot != other.SeedSlot ? SeedSlot.CompareTo(other.SeedSlot) : string.CompareOrdinal(Id, other.Id);

    /// <summary>True when both are null or name the same task.</summary>
    public static bool operator ==(Scenario? a, Scenario? b) => a is null ? b is null : a.Equals(b);

    /// <summary>True unless both are null or name the same task.</summary>
    public static bool operator !=(Scenario? a, Scenario? b) => !(a == b);

    /// <summary>The display name: "ES", "ERL", "MG" for the built-ins (as in reports and on cards), the task name otherwise.</summary>
    public override string ToString() => _display;
}

/// <summary>Class names of each built-in scenario, in network output order, and shortcuts to a scenario's classes.</summary>
public static class ScenarioClasses
{
    /// <summary>ES classes.</summary>
    public static readonly IReadOnlyList<string> ES = ["elliptical", "spiral"];
    /// <summary>ERL classes.</summary>
    public static readonly IReadOnlyList<string> ERL = ["elliptical", "clockwise", "anticlockwise"];
    /// <summary>MG classes (index 1 is the positive, rare class).</summary>
    public static readonly IReadOnlyList<string> MG = ["non_merger", "merger"];

    /// <summary>The class names of <paramref name="scenario"/>, in output order.</summary>
    public static IReadOnlyList<string> Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.ClassNames;
    }

    /// <summary>The class a mirror image of each class belongs to, or null when a mirror keeps every class (<see cref="Scenario.MirrorClasses"/>).</summary>
    public static int[]? MirrorClasses(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.MirrorClasses;
    }

    /// <summary>Index of <paramref name="className"/> in <paramref name="scenario"/>, or throws naming the valid names.</summary>
    public static int IndexOf(Scenario scenario, string className)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.IndexOf(className);
    }
}

/// <summary>The scenario's names on the command line, in file names and in reports: parsed and written in one place.</summary>
public static class ScenarioNames
{
    /// <summary>The lower-case name ("es", "erl", "mg", or a task's own name) used in options, folder and file names.</summary>
    public static string Name(this Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Id;
    }

    /// <summary>The built-in scenario named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Scenario Parse(string name) => Parse(name, []);

    /// <summary>The built-in or <paramref name="declared"/> scenario named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Scenario Parse(string name, IEnumerable<Scenario> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var known = Scenario.BuiltIn.Concat(declared).ToList();
        foreach (var scenario in known)
            if (string.Equals(scenario.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase)) return scenario;
        throw new ArgumentException($"Unknown scenario '{name}': expected {string.Join(", ", known.Select(v => v.Name()))}" +
                                    (known.Count == Scenario.BuiltIn.Count ? " (a dataset's own tasks are declared in its tasks.json)." : "."));
    }
}

/// <summary>
/// A scenario name as given on the command line, before the dataset (and its declared tasks) is known: checked for
/// form at parse time, resolved with <see cref="Resolve"/> once the dataset is loaded.
/// </summary>
/// <param name="Value">The lower-case name.</param>
public readonly record struct TaskName(string Value)
{
    /// <summary>A name of letters, digits and underscores (any case; stored lower-case).</summary>
    /// <exception cref="ArgumentException">Empty or with other characters.</exception>
    public static TaskName Parse(string text)
    {
        var s = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(s) || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Bad scenario name '{text}': expected es, erl, mg or a task declared in the dataset's tasks.json.");
        return new TaskName(s);
    }

    /// <summary>The built-in or declared scenario of this name.</summary>
    /// <exception cref="ArgumentException">No such scenario; the message lists the known ones.</exception>
    public Scenario Resolve(IEnumerable<Scenario> declared) => ScenarioNames.Parse(Value, declared);

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>
/// JSON form of a <see cref="Scenario"/> in run records and plans: its name ("es"). Reading resolves the built-in tasks;
/// a user's own task needs its dataset's declaration, so records that must name one store the name as text.
/// </summary>
public sealed class ScenarioJsonConverter : System.Text.Json.Serialization.JsonConverter<Scenario>
{
    /// <inheritdoc />
    public override Scenario Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        var name = reader.GetString();
        try
        {
            return ScenarioNames.Parse(name ?? "");
        }
        catch (ArgumentException e)
        {
            throw new System.Text.Json.JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, Scenario value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}
