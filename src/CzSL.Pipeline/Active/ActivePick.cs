namespace CzSL.Pipeline.Active;

/// <summary>
/// One galaxy chosen for the experts, with why. <see cref="ExpectedGain"/> is the probability that the current label
/// (the transfer model's or the CNN's decision, or without a model the volunteers' majority) is wrong: the expected
/// number of labels the expert's answer corrects.
/// </summary>
/// <param name="Index">Position in the pool.</param>
/// <param name="Id">Galaxy id.</param>
/// <param name="Strategy">The strategy that chose it (a label-free one when the asked strategy could not fit a model).</param>
/// <param name="Rank">1-based order of the pick.</param>
/// <param name="Probability">Largest class probability of the model (or vote share without a model); for a CNN the
/// probability of its current label (the largest, except on a binary card with a decision threshold, whose label follows the threshold).</param>
/// <param name="Margin">Largest minus second-largest probability (or vote share).</param>
/// <param name="Disagreement">Committee and CNN BALD only: mean KL divergence (nats) of the members (transfer models, or
/// MC-dropout samples) from their consensus.</param>
/// <param name="ExpectedGain">1 − <paramref name="Probability"/>.</param>
/// <param name="Uncertainty">CNN strategies: the normalised predictive entropy in [0, 1] (<c>GalaxyPrediction.Uncertainty</c>); null otherwise.</param>
public sealed record ActivePick(int Index, string Id, ActiveStrategy Strategy, int Rank, double? Probability, double? Margin,
    double? Disagreement, double ExpectedGain, double? Uncertainty = null);
