using Microsoft.ML.Transforms;

namespace CzSL.MLNet.Scoring;

/// <summary>Input row of the CzSL custom mappings: the <see cref="CzslColumns.Score"/> vector.</summary>
public sealed class ScoreRow
{
    /// <summary>Class probabilities.</summary>
    public float[] Score { get; set; } = [];
}

/// <summary>Output row of <see cref="ArgmaxMappingFactory"/>.</summary>
public sealed class PredictedIndexRow
{
    /// <summary>0-based argmax of the score, or <see cref="uint.MaxValue"/> when the score has no finite value.</summary>
    [Microsoft.ML.Data.ColumnName(CzslColumns.PredictedIndex)]
    public uint PredictedIndex { get; set; }
}

/// <summary>
/// Argmax of the score vector. Registered by contract name so that a saved chain can be loaded again
/// (ML.NET stores the assembly name with the contract and registers it on load).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ArgmaxMappingFactory : CustomMappingFactory<ScoreRow, PredictedIndexRow>
{
    /// <summary>Contract name saved in models.</summary>
    public const string ContractName = "CzSL.Scoring.Argmax";

    /// <summary>The mapping.</summary>
    public static void Map(ScoreRow input, PredictedIndexRow output)
    {
        var index = ScoreMath.Argmax(input.Score);
        output.PredictedIndex = index < 0 ? uint.MaxValue : (uint)index;
    }

    /// <inheritdoc />
    public override Action<ScoreRow, PredictedIndexRow> GetMapping() => Map;
}

/// <summary>Output row of <see cref="BinaryDecisionMappingFactory"/>.</summary>
public sealed class BinaryDecisionRow
{
    /// <summary>Probability of the positive class (index 1).</summary>
    public float Probability { get; set; }
    /// <summary>True when the positive class has the larger probability.</summary>
    public bool PredictedPositive { get; set; }
}

/// <summary>
/// For 2-class cards: the positive class's probability and the decision, the columns ML.NET's binary evaluator needs.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryDecisionMappingFactory : CustomMappingFactory<ScoreRow, BinaryDecisionRow>
{
    /// <summary>Contract name saved in models.</summary>
    public const string ContractName = "CzSL.Scoring.BinaryDecision";

    /// <summary>The mapping; the score must have exactly two values.</summary>
    public static void Map(ScoreRow input, BinaryDecisionRow output)
    {
        if (input.Score.Length != 2)
            throw new InvalidOperationException($"A binary decision needs a score of 2 values, got {input.Score.Length}.");
        output.Probability = input.Score[1];
        output.PredictedPositive = ScoreMath.Argmax(input.Score) == 1;
    }

    /// <inheritdoc />
    public override Action<ScoreRow, BinaryDecisionRow> GetMapping() => Map;
}
