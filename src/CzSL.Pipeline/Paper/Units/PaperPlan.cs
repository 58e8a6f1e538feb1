using CzSL.Data;

namespace CzSL.Pipeline.Paper.Units;

/// <summary>One protocol the paper reports: a scenario and (MG only) a resampling of its training sets.</summary>
/// <param name="Scenario">ES, ERL or MG.</param>
/// <param name="Sampling">None, ROS or RUS (MG only).</param>
public sealed record PaperVariant(Scenario Scenario, PaperSampling Sampling)
{
    /// <summary>The paper's five: ES, ERL, MG, MG with ROS, MG with RUS.</summary>
    public static IReadOnlyList<PaperVariant> All { get; } =
    [
        new(Scenario.ES, PaperSampling.None), new(Scenario.ERL, PaperSampling.None), new(Scenario.MG, PaperSampling.None),
        new(Scenario.MG, PaperSampling.Ros), new(Scenario.MG, PaperSampling.Rus),
    ];

    /// <summary>"es", "erl", "mg", "mg-ros" or "mg-rus" (used in folder names).</summary>
    public string Name => Sampling == PaperSampling.None
        ? Scenario.ToString().ToLowerInvariant()
        : $"{Scenario.ToString().ToLowerInvariant()}-{Sampling.ToString().ToLowerInvariant()}";

    /// <summary>The table the variant reads.</summary>
    public PaperTableKind Table => PaperLabels.TableOf(Scenario);

    /// <summary><paramref name="options"/> for this variant.</summary>
    public PaperProtocolOptions Apply(PaperProtocolOptions options) => options with { Scenario = Scenario, Sampling = Sampling };
}

/// <summary>What a unit computes.</summary>
public enum PaperUnitKind
{
    /// <summary>The autoencoder of one table fold (shared by every variant that reads that table).</summary>
    Autoencoder,
    /// <summary>One execution of one variant on one fold: the CzSL run, its ablations and baselines.</summary>
    Run,
}

/// <summary>One independent piece of the protocol.</summary>
/// <param name="Index">Its number in the plan (0-based; a Slurm array task id or Kubernetes completion index).</param>
/// <param name="Kind">Autoencoder or run.</param>
/// <param name="Table">The table it reads.</param>
/// <param name="Fold">The paper's fold (1..5).</param>
/// <param name="Variant">The variant (runs only).</param>
/// <param name="Execution">The execution (runs only; 1-based, 0 for autoencoders).</param>
/// <param name="DependsOn">Units whose results it reads (a run: its fold's autoencoder).</param>
public sealed record PaperUnit(int Index, PaperUnitKind Kind, PaperTableKind Table, int Fold, PaperVariant? Variant, int Execution, IReadOnlyList<int> DependsOn)
{
    /// <summary>Its folder name, e.g. "autoencoder-esrl-fold1" or "run-es-fold1-exec2".</summary>
    public string Name => Kind == PaperUnitKind.Autoencoder
        ? $"autoencoder-{Table.ToString().ToLowerInvariant()}-fold{Fold}"
        : $"run-{Variant!.Name}-fold{Fold}-exec{Execution}";
}

/// <summary>
/// The paper's protocol as independent units: first one autoencoder per table fold, then one run per variant × fold ×
/// execution, each depending on its fold's autoencoder. Autoencoders come first so that two arrays (autoencoders,
/// then runs) cover the plan.
/// </summary>
/// <param name="Variants">The variants planned.</param>
/// <param name="Folds">The folds planned.</param>
/// <param name="Executions">Executions per fold.</param>
/// <param name="Units">Every unit, indexed by position.</param>
public sealed record PaperPlan(IReadOnlyList<PaperVariant> Variants, IReadOnlyList<int> Folds, int Executions, IReadOnlyList<PaperUnit> Units)
{
    /// <summary>Plans <paramref name="variants"/> on <paramref name="folds"/> with <paramref name="executions"/> executions each.</summary>
    /// <exception cref="ArgumentException">No variant, a variant twice, no fold or fewer than one execution.</exception>
    public static PaperPlan Create(IReadOnlyList<PaperVariant> variants, IReadOnlyList<int> folds, int executions)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(folds);
        if (variants.Count == 0) throw new ArgumentException("A plan needs at least one variant.", nameof(variants));
        if (variants.Distinct().Count() != variants.Count) throw new ArgumentException("A variant is planned twice.", nameof(variants));
        if (folds.Count == 0) throw new ArgumentException("A plan needs at least one fold.", nameof(folds));
        if (executions < 1) throw new ArgumentException($"Executions must be at least 1, got {executions}.", nameof(executions));
        var units = new List<PaperUnit>();
        var autoencoders = new Dictionary<(PaperTableKind, int), int>();
        foreach (var table in variants.Select(v => v.Table).Distinct().Order())
            foreach (var k in folds)
            {
                autoencoders[(table, k)] = units.Count;
                units.Add(new PaperUnit(units.Count, PaperUnitKind.Autoencoder, table, k, null, 0, []));
            }
        foreach (var variant in variants)
            foreach (var k in folds)
                for (var e = 1; e <= executions; e++)
                    units.Add(new PaperUnit(units.Count, PaperUnitKind.Run, variant.Table, k, variant, e, [autoencoders[(variant.Table, k)]]));
        return new PaperPlan(variants, folds, executions, units);
    }

    /// <summary>The autoencoder units' indices (a contiguous range from 0).</summary>
    public IReadOnlyList<int> AutoencoderUnits => Units.Where(u => u.Kind == PaperUnitKind.Autoencoder).Select(u => u.Index).ToList();

    /// <summary>The run units' indices (a contiguous range after the autoencoders).</summary>
    public IReadOnlyList<int> RunUnits => Units.Where(u => u.Kind == PaperUnitKind.Run).Select(u => u.Index).ToList();

    /// <summary>Unit <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The plan has no such unit.</exception>
    public PaperUnit Unit(int index) => index >= 0 && index < Units.Count
        ? Units[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Unit {index} does not exist: the plan has {Units.Count} units (0..{Units.Count - 1}).");
}
