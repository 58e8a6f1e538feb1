using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// The labelled galaxies one scenario's recipe learns from (indices are image-store indices): the expert set L and the
/// amateur set. By default the transfer learns from L's galaxies that have votes and relabels the amateur set, and a
/// variant without amateur pre-training trains on L; a protocol may choose other sets (the paper pre-trains on the
/// amateur labels of L ∪ A and trains its expert-only CNN on the whole training fold).
/// </summary>
/// <param name="Scenario">The task.</param>
/// <param name="Expert">L: the expert labels the recipe may train on.</param>
/// <param name="Amateur">The amateur labels of amateur pre-training.</param>
public sealed record RecipeData(Scenario Scenario, LabelledSet Expert, LabelledSet Amateur)
{
    /// <summary>Number of classes.</summary>
    public int ClassCount => ScenarioClasses.Of(Scenario).Count;

    /// <summary>The amateur-labelled galaxies the label transfer relabels (null: <see cref="Amateur"/>).</summary>
    public LabelledSet? Transferable { get; init; }

    /// <summary>Expert labels of a variant without amateur pre-training (null: <see cref="Expert"/>).</summary>
    public LabelledSet? ExpertAlone { get; init; }

    /// <summary>A name for this data split when one recipe trains several (e.g. <c>fold2</c>): it suffixes the expert stage's folder.</summary>
    public string? Part { get; init; }

    /// <summary>The galaxies the label transfer learns from (null: those of <see cref="Expert"/> that have votes).</summary>
    public IReadOnlyList<GalaxyRecord>? TransferLabelled { get; init; }
}
