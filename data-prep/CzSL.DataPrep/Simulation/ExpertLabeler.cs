using CzSL.Data;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Simulated expert labels: the truth, except for a random mistake with probability <c>errorRate</c> per galaxy
/// for the morphology (ES and ERL together) and, independently, for missing a merger. Non-mergers are called
/// mergers with probability errorRate·p/(1 − p), p the merger fraction, so that false and missed mergers are about
/// equally many and the rare class is not swamped by false alarms.
/// </summary>
/// <remarks>
/// A morphology mistake on a galaxy with an ERL truth picks one of the two other ERL classes at random, and the ES
/// label follows it (elliptical ↔ early type, either winding ↔ spiral), so ES and ERL stay consistent as in the
/// paper's tables. On an edge-on disc or an irregular (no ERL truth) the mistake flips the ES label. Mergers get no
/// ES or ERL label, like most mergers in the paper's MG table.
/// </remarks>
public sealed class ExpertLabeler
{
    private readonly double _errorRate;
    private readonly double _falseMergerRate;

    /// <summary>Experts who err with probability <paramref name="errorRate"/>, in a sample with <paramref name="mergerFraction"/> mergers.</summary>
    public ExpertLabeler(double errorRate, double mergerFraction)
    {
        if (!(errorRate >= 0 && errorRate <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(errorRate), errorRate, "The expert error rate must be in [0, 0.5].");
        if (!(mergerFraction >= 0 && mergerFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(mergerFraction), mergerFraction, "The merger fraction must be in [0, 1).");
        _errorRate = errorRate;
        _falseMergerRate = errorRate * mergerFraction / (1 - mergerFraction);
    }

    /// <summary>The expert's ES, ERL and MG labels for a galaxy of <paramref name="type"/>.</summary>
    public (string? ES, string? ERL, string MG) Label(GalaxyType type, Winding winding, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var es = GalaxyTypes.TruthES(type);
        var erl = GalaxyTypes.TruthERL(type, winding);
        var mg = GalaxyTypes.TruthMG(type);
        if (rng.NextDouble() < _errorRate)
        {
            if (erl is not null)
            {
                var others = ScenarioClasses.ERL.Where(c => c != erl).ToArray();
                erl = others[rng.NextInt(others.Length)];
                es = erl == ScenarioClasses.ERL[0] ? ScenarioClasses.ES[0] : ScenarioClasses.ES[1];
            }
            else if (es is not null)
            {
                es = es == ScenarioClasses.ES[0] ? ScenarioClasses.ES[1] : ScenarioClasses.ES[0];
            }
        }
        var isMerger = type == GalaxyType.Merger;
        if (rng.NextDouble() < (isMerger ? _errorRate : _falseMergerRate))
            mg = ScenarioClasses.MG[isMerger ? 0 : 1];
        return (es, erl, mg);
    }
}
