using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Active;

/// <summary>Settings of <see cref="ActiveSelector"/>.</summary>
public sealed record ActiveSelectorOptions
{
    /// <summary>The transfer model whose uncertainty guides <see cref="ActiveStrategy.Uncertainty"/> and <see cref="ActiveStrategy.Diversity"/> (fast: ML.NET L-BFGS maximum entropy).</summary>
    public TransferMethod Method { get; init; } = new(TransferKind.LbfgsMaxEnt);

    /// <summary>The members of <see cref="ActiveStrategy.Committee"/>: the ML.NET trainers and the softmax MLP.</summary>
    public IReadOnlyList<TransferMethod> Committee { get; init; } =
        [new(TransferKind.LbfgsMaxEnt), new(TransferKind.LightGbm), new(TransferKind.FastForestOva), new(TransferKind.MlpSoftmax)];

    /// <summary>The committee scores at most this many candidates per batch (a seeded random subset of the pool), to bound its cost.</summary>
    public int CommitteeCandidates { get; init; } = 4000;

    /// <summary><see cref="ActiveStrategy.Diversity"/> considers the most uncertain <c>this × batch</c> candidates.</summary>
    public int DiversityCandidatesPerPick { get; init; } = 10;
}
