using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Transfer;

/// <summary>
/// A label-transfer method (the paper's step 3): learns, on expert-labelled galaxies (L), to map each galaxy's vote
/// fractions to the expert's label, then gives class probabilities for other galaxies (A) from their votes alone.
/// </summary>
public interface ILabelTransfer
{
    /// <summary>Short name for reports (e.g. "mlp", "lbfgs-maxent").</summary>
    string Name { get; }

    /// <summary>
    /// Learns from <paramref name="labelled"/>: every record needs votes and the expert label of
    /// <paramref name="scenario"/>. Replaces any earlier fit.
    /// </summary>
    /// <exception cref="ArgumentException">A record lacks votes or the expert label, or a class is absent.</exception>
    void Fit(IReadOnlyList<GalaxyRecord> labelled, Scenario scenario);

    /// <summary>
    /// Class probabilities (in <see cref="ScenarioClasses"/> order) for each record, from its votes: a distribution,
    /// or for a multilabel model one independent probability per class (rows need not sum to 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    float[][] PredictProba(IReadOnlyList<GalaxyRecord> records);

    /// <summary>The model's own decision for one row of <see cref="PredictProba"/> (the argmax of a distribution; a multilabel model's per-column rule).</summary>
    int Decide(float[] probabilities);
}
