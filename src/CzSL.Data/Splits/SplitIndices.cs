namespace CzSL.Data.Splits;

/// <summary>Row indices of a train / validation / test split, each ascending.</summary>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test);
