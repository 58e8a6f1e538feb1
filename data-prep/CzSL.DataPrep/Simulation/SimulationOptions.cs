namespace CzSL.DataPrep.Simulation;

/// <summary>Settings of one simulated dataset. Everything the output depends on is here, so equal options give equal files.</summary>
public sealed record SimulationOptions
{
    /// <summary>Number of galaxies.</summary>
    public int Count { get; init; } = 10_000;

    /// <summary>Cutout width and height, pixels. Galaxy sizes and the PSF scale with it (64 is the paper's size).</summary>
    public int Size { get; init; } = 64;

    /// <summary>Master seed: galaxy i uses streams derived from (Seed, i), so the output does not depend on threading.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Fraction of galaxies (chosen at random, exactly round(Count·fraction)) that get expert labels.</summary>
    public double ExpertFraction { get; init; } = 0.05;

    /// <summary>Probability that an expert label is a mistake (see <see cref="ExpertLabeler"/>).</summary>
    public double ExpertErrorRate { get; init; } = 0.02;

    /// <summary>Fraction of mergers (the paper's MG table has 6.5%).</summary>
    public double MergerFraction { get; init; } = 0.065;

    /// <summary>Relative frequency of the non-merger types (normalised; mergers come from <see cref="MergerFraction"/>).</summary>
    public MorphologyMix Mix { get; init; } = new();

    /// <summary>Probability that a cutout contains a bright foreground star.</summary>
    public double StarFraction { get; init; } = 0.15;

    /// <summary>Mean number of faint field objects (small stars and distant galaxies) per cutout (Poisson).</summary>
    public double FieldObjects { get; init; } = 2.5;

    /// <summary>Sky, noise and colour stretch.</summary>
    public ImagingOptions Imaging { get; init; } = new();

    /// <summary>How simulated volunteers vote.</summary>
    public VolunteerModel Volunteers { get; init; } = new();

    /// <summary>Threads used for rendering (null: all cores). The output is the same for any value.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Throws naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (Count < 1) throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be ≥ 1.");
        if (Size < 16) throw new ArgumentOutOfRangeException(nameof(Size), Size, "Size must be ≥ 16 pixels.");
        CheckFraction(ExpertFraction, nameof(ExpertFraction));
        if (!(ExpertErrorRate >= 0 && ExpertErrorRate <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(ExpertErrorRate), ExpertErrorRate, "ExpertErrorRate must be in [0, 0.5].");
        if (!(MergerFraction >= 0 && MergerFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(MergerFraction), MergerFraction, "MergerFraction must be in [0, 1).");
        CheckFraction(StarFraction, nameof(StarFraction));
        if (!(FieldObjects >= 0 && FieldObjects <= 50))
            throw new ArgumentOutOfRangeException(nameof(FieldObjects), FieldObjects, "FieldObjects must be in [0, 50].");
        if (MaxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be ≥ 1.");
        ArgumentNullException.ThrowIfNull(Mix);
        ArgumentNullException.ThrowIfNull(Imaging);
        ArgumentNullException.ThrowIfNull(Volunteers);
        Mix.Validate();
        Imaging.Validate();
        Volunteers.Validate();
    }

    private static void CheckFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1].");
    }
}

/// <summary>
/// Relative frequencies of the non-merger types. Defaults give 39% early types (E + S0) among non-mergers, as the
/// paper's ESRL table (16,078 M of 40,902).
/// </summary>
public sealed record MorphologyMix
{
    /// <summary>Ellipticals.</summary>
    public double Elliptical { get; init; } = 0.245;
    /// <summary>Lenticulars (S0).</summary>
    public double Lenticular { get; init; } = 0.145;
    /// <summary>Sa spirals.</summary>
    public double Sa { get; init; } = 0.11;
    /// <summary>Sb spirals.</summary>
    public double Sb { get; init; } = 0.16;
    /// <summary>Sc spirals.</summary>
    public double Sc { get; init; } = 0.15;
    /// <summary>Sd spirals.</summary>
    public double Sd { get; init; } = 0.06;
    /// <summary>Edge-on discs.</summary>
    public double EdgeOn { get; init; } = 0.10;
    /// <summary>Irregulars.</summary>
    public double Irregular { get; init; } = 0.03;

    /// <summary>The non-merger types with their weights, in <see cref="GalaxyType"/> order.</summary>
    public IReadOnlyList<(GalaxyType Type, double Weight)> Weights() =>
    [
        (GalaxyType.Elliptical, Elliptical), (GalaxyType.Lenticular, Lenticular), (GalaxyType.Sa, Sa), (GalaxyType.Sb, Sb),
        (GalaxyType.Sc, Sc), (GalaxyType.Sd, Sd), (GalaxyType.EdgeOn, EdgeOn), (GalaxyType.Irregular, Irregular),
    ];

    /// <summary>Throws when a weight is negative or all are zero.</summary>
    public void Validate()
    {
        double total = 0;
        foreach (var (type, weight) in Weights())
        {
            if (!(weight >= 0)) throw new ArgumentOutOfRangeException(type.ToString(), weight, $"The weight of {GalaxyTypes.Name(type)} must be ≥ 0.");
            total += weight;
        }
        if (!(total > 0)) throw new ArgumentException("At least one non-merger type needs a positive weight.");
    }
}
