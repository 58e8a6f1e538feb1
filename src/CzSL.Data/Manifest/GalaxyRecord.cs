namespace CzSL.Data.Manifest;

/// <summary>
/// One galaxy of a dataset manifest: its image, citizen votes, expert labels per scenario, the labels of
/// the dataset's own tasks and (simulated data only) the ground truth. Labels are class names of the scenario; null means "not labelled".
/// </summary>
public sealed record GalaxyRecord
{
    /// <summary>Unique id (the SDSS objID for real data).</summary>
    public required string Id { get; init; }
    /// <summary>Image path relative to the manifest folder; null when the galaxy has no image (table-only data).</summary>
    public string? Image { get; init; }
    /// <summary>Right ascension in degrees.</summary>
    public double? Ra { get; init; }
    /// <summary>Declination in degrees.</summary>
    public double? Dec { get; init; }
    /// <summary>Volunteer vote counts, when known.</summary>
    public VoteCounts? Votes { get; init; }
    /// <summary>GZ1 bias-corrected elliptical fraction (EL_DEB), when known.</summary>
    public double? EllipticalDebiased { get; init; }
    /// <summary>GZ1 bias-corrected combined-spiral fraction (CS_DEB), when known.</summary>
    public double? SpiralDebiased { get; init; }
    /// <summary>
    /// EL_DEB[123] as the CzSL paper's ESRL tables publish it (a second corrected elliptical fraction, meaning not
    /// documented; the reference's "Transformed" label-transfer inputs), when known.
    /// </summary>
    public double? EllipticalDebiased123 { get; init; }
    /// <summary>CS_DEB[123] as the CzSL paper's ESRL tables publish it (the spiral counterpart of <see cref="EllipticalDebiased123"/>), when known.</summary>
    public double? SpiralDebiased123 { get; init; }
    /// <summary>A volunteer consensus class given without votes (e.g. GZ1 leaf class "spiral_cw"), when known.</summary>
    public string? Consensus { get; init; }
    /// <summary>Expert label for ES.</summary>
    public string? ExpertES { get; init; }
    /// <summary>Expert label for ERL.</summary>
    public string? ExpertERL { get; init; }
    /// <summary>Expert label for MG.</summary>
    public string? ExpertMG { get; init; }
    /// <summary>True class for ES (simulated data only).</summary>
    public string? TruthES { get; init; }
    /// <summary>True class for ERL (simulated data only).</summary>
    public string? TruthERL { get; init; }
    /// <summary>True class for MG (simulated data only).</summary>
    public string? TruthMG { get; init; }
    /// <summary>True fine morphological type, e.g. "E", "S0", "Sb", "edge_on", "merger", "irregular" (simulated data only).</summary>
    public string? TruthType { get; init; }
    /// <summary>Cross-validation fold (1-based), when the dataset defines folds.</summary>
    public int? Fold { get; init; }
    /// <summary>Position in the source's file order (the paper's L/A/U split is taken in this order).</summary>
    public int? Order { get; init; }

    /// <summary>Labels of a dataset's own tasks (declared in its tasks.json), by task name; empty when it declares none.</summary>
    public IReadOnlyDictionary<string, TaskLabels> Tasks { get; init; } = NoTasks;

    internal static readonly IReadOnlyDictionary<string, TaskLabels> NoTasks = new Dictionary<string, TaskLabels>();

    /// <summary>The expert label of <paramref name="scenario"/>, or null.</summary>
    public string? Expert(Scenario scenario) => scenario.Gz1 switch
    {
        Gz1Task.ES => ExpertES,
        Gz1Task.ERL => ExpertERL,
        Gz1Task.MG => ExpertMG,
        null => Task(scenario)?.Expert,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The true label of <paramref name="scenario"/>, or null (a user's own task has none).</summary>
    public string? Truth(Scenario scenario) => scenario.Gz1 switch
    {
        Gz1Task.ES => TruthES,
        Gz1Task.ERL => TruthERL,
        Gz1Task.MG => TruthMG,
        null => null,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The labels of a user's own task <paramref name="scenario"/>, or null.</summary>
    public TaskLabels? Task(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Tasks.GetValueOrDefault(scenario.Id);
    }

    /// <summary>True when the record has an expert label for a built-in scenario or any of its own tasks.</summary>
    public bool HasExpertLabel => ExpertES is not null || ExpertERL is not null || ExpertMG is not null || Tasks.Values.Any(t => t.Expert is not null);
}

/// <summary>One galaxy's labels for a user's own task (<see cref="TaskColumns"/>); class names of the task, null when not given.</summary>
/// <param name="Expert">Expert label.</param>
/// <param name="Amateur">Amateur label.</param>
/// <param name="Votes">Vote counts per class, in class order, or null.</param>
public sealed record TaskLabels(string? Expert, string? Amateur, IReadOnlyList<int>? Votes);
