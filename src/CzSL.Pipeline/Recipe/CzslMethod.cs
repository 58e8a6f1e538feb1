namespace CzSL.Pipeline.Recipe;

/// <summary>Which of the recipe's stages a run uses: CzSL itself has all four on; the ablations switch some off.</summary>
/// <param name="Autoencoder">Initialise the CNN from the autoencoder's encoder (off: random initialisation).</param>
/// <param name="Amateurs">Pre-train on the amateur labels.</param>
/// <param name="Transfer">Relabel the amateur set by the label transfer and add it to the expert training (needs <paramref name="Expert"/>).</param>
/// <param name="Expert">Train on the expert labels (off: the network ends after amateur pre-training).</param>
public sealed record RecipeSwitches(bool Autoencoder, bool Amateurs, bool Transfer, bool Expert)
{
    /// <summary>The stages this variant runs, in order.</summary>
    /// <exception cref="ArgumentException">The variant learns from no label (neither amateurs nor experts), or transfers without expert training.</exception>
    public IReadOnlyList<RecipeStage> Plan()
    {
        if (!Amateurs && !Expert) throw new ArgumentException("A recipe variant must learn from amateur or expert labels (both are switched off).");
        if (Transfer && !Expert) throw new ArgumentException("The label transfer feeds the expert stage: it needs expert training switched on.");
        var stages = new List<RecipeStage>();
        if (Autoencoder) stages.Add(RecipeStage.AutoencoderPretraining);
        if (Amateurs) stages.Add(RecipeStage.AmateurPretraining);
        if (Transfer) stages.Add(RecipeStage.LabelTransfer);
        if (Expert) stages.Add(RecipeStage.ExpertFineTuning);
        return stages;
    }
}

/// <summary>CzSL and its ablations, each a set of <see cref="RecipeSwitches"/>.</summary>
public enum CzslMethod
{
    /// <summary>autoencoder → amateur → transfer → expert.</summary>
    Czsl,
    /// <summary>autoencoder → amateur → expert (L only).</summary>
    CzslNoTransfer,
    /// <summary>random init → amateur → transfer → expert.</summary>
    NoAutoencoder,
    /// <summary>autoencoder → expert (L only).</summary>
    NoAmateur,
    /// <summary>random init → expert (L only).</summary>
    ExpertOnly,
    /// <summary>random init → amateur labels only.</summary>
    AmateurOnly,
    /// <summary>autoencoder → amateur labels only.</summary>
    AutoencoderAmateur,
}

/// <summary>Names, descriptions and switches of <see cref="CzslMethod"/>.</summary>
public static class CzslMethods
{
    private static readonly (CzslMethod Method, string Name, string Description, RecipeSwitches Switches)[] Table =
    [
        (CzslMethod.Czsl, "czsl", "autoencoder → amateur → transfer → expert", new(true, true, true, true)),
        (CzslMethod.CzslNoTransfer, "czsl-no-transfer", "autoencoder → amateur → expert (L only, no transfer)", new(true, true, false, true)),
        (CzslMethod.NoAutoencoder, "no-autoencoder", "random init → amateur → transfer → expert", new(false, true, true, true)),
        (CzslMethod.NoAmateur, "no-amateur", "autoencoder → expert (L only)", new(true, false, false, true)),
        (CzslMethod.ExpertOnly, "expert-only", "random init, expert labels only", new(false, false, false, true)),
        (CzslMethod.AmateurOnly, "amateur-only", "random init, amateur labels only", new(false, true, false, false)),
        (CzslMethod.AutoencoderAmateur, "autoencoder+amateur", "encoder from the autoencoder, trained on amateur labels only", new(true, true, false, false)),
    ];

    /// <summary>Every method, in report order.</summary>
    public static IReadOnlyList<CzslMethod> All { get; } = [.. Table.Select(t => t.Method)];

    /// <summary>The method's name in reports and on the command line.</summary>
    public static string Name(this CzslMethod method) => Row(method).Name;

    /// <summary>One line saying what the method is.</summary>
    public static string Description(this CzslMethod method) => Row(method).Description;

    /// <summary>The stages the method switches on.</summary>
    public static RecipeSwitches Switches(this CzslMethod method) => Row(method).Switches;

    /// <summary>The method named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static CzslMethod Parse(string name) =>
        Table.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } row
            ? row.Method
            : throw new ArgumentException($"Unknown method '{name}': expected one of {string.Join(", ", Table.Select(t => t.Name))}.");

    private static (CzslMethod Method, string Name, string Description, RecipeSwitches Switches) Row(CzslMethod method) =>
        Array.Find(Table, t => t.Method == method) is { Name: not null } row ? row : throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method.");
}
