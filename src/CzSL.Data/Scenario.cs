namespace CzSL.Data;

/// <summary>The three classification tasks of the CzSL paper.</summary>
public enum Scenario
{
    /// <summary>Binary: elliptical (expert "M", early type) vs spiral (expert "L", late type). Metric: accuracy.</summary>
    ES,
    /// <summary>Three classes: elliptical / clockwise spiral / anticlockwise spiral. Metric: accuracy.</summary>
    ERL,
    /// <summary>Imbalanced binary: merger (≈6.5%) vs not. Metrics: G-mean and ROC AUC.</summary>
    MG,
}

/// <summary>Class names of each scenario, in network output order.</summary>
public static class ScenarioClasses
{
    /// <summary>ES classes.</summary>
    public static readonly IReadOnlyList<string> ES = ["elliptical", "spiral"];
    /// <summary>ERL classes.</summary>
    public static readonly IReadOnlyList<string> ERL = ["elliptical", "clockwise", "anticlockwise"];
    /// <summary>MG classes (index 1 is the positive, rare class).</summary>
    public static readonly IReadOnlyList<string> MG = ["non_merger", "merger"];

    /// <summary>The class names of <paramref name="scenario"/>, in output order.</summary>
    public static IReadOnlyList<string> Of(Scenario scenario) => scenario switch
    {
        Scenario.ES => ES,
        Scenario.ERL => ERL,
        Scenario.MG => MG,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>
    /// The class a mirror image of each class belongs to (a permutation of the class indices), or null when a mirror
    /// keeps every class: ERL's clockwise and anticlockwise spirals swap, everything else is mirror-invariant.
    /// </summary>
    public static int[]? MirrorClasses(Scenario scenario) => scenario == Scenario.ERL ? [0, 2, 1] : null;

    /// <summary>Index of <paramref name="className"/> in <paramref name="scenario"/>, or throws naming the valid names.</summary>
    public static int IndexOf(Scenario scenario, string className)
    {
        var names = Of(scenario);
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], className, StringComparison.OrdinalIgnoreCase)) return i;
        throw new FormatException($"Unknown {scenario} class '{className}'; expected one of: {string.Join(", ", names)}.");
    }
}

/// <summary>The scenario's names on the command line, in file names and in reports: parsed and written in one place.</summary>
public static class ScenarioNames
{
    /// <summary>The lower-case name ("es", "erl", "mg") used in options, folder and file names.</summary>
    public static string Name(this Scenario scenario) => scenario switch
    {
        Scenario.ES => "es",
        Scenario.ERL => "erl",
        Scenario.MG => "mg",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>The scenario named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Scenario Parse(string name)
    {
        foreach (var scenario in Enum.GetValues<Scenario>())
            if (string.Equals(scenario.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase)) return scenario;
        throw new ArgumentException($"Unknown scenario '{name}': expected {string.Join(", ", Enum.GetValues<Scenario>().Select(v => v.Name()))}.");
    }
}
