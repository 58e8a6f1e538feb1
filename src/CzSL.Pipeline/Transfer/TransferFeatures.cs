using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Transfer;

/// <summary>
/// The inputs of label transfer: the vote fractions EL, CS, CW, ACW, EDGE, DK, MG (computed exactly from the counts,
/// <see cref="VoteCounts.Fractions"/>), with the reference's EL_DEB[123], CS_DEB[123] after CS for
/// <see cref="TransferInputs.Transformed"/>, and optionally (ours) the bias-corrected EL_DEB and CS_DEB at the end.
/// </summary>
/// <param name="Inputs">The reference's input set.</param>
/// <param name="Debiased">Ours: append EL_DEB and CS_DEB.</param>
public readonly record struct TransferFeatures(TransferInputs Inputs = TransferInputs.Amateur, bool Debiased = false)
{
    /// <summary>Number of features.</summary>
    public int Count => Names.Count;

    /// <summary>Feature names in order.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = VoteCounts.FractionNames.ToList();
            if (Inputs == TransferInputs.Transformed) names.InsertRange(2, ["EL_DEB[123]", "CS_DEB[123]"]);
            if (Debiased) names.AddRange(["EL_DEB", "CS_DEB"]);
            return names;
        }
    }

    /// <summary>The feature vector of <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">The record has no votes, or lacks a column the input set asks for (naming it).</exception>
    public float[] Of(GalaxyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Votes is not { Total: > 0 } votes)
            throw new ArgumentException($"Galaxy {record.Id} has no votes: label transfer needs vote fractions.", nameof(record));
        var features = votes.Fractions().ToList();
        if (Inputs == TransferInputs.Transformed)
        {
            if (record.EllipticalDebiased123 is not { } el123 || record.SpiralDebiased123 is not { } cs123)
                throw new ArgumentException($"Galaxy {record.Id} has no EL_DEB[123]/CS_DEB[123] (asked for by the transformed transfer inputs; " +
                                            "only the paper's ESRL tables publish them).", nameof(record));
            features.InsertRange(2, [(float)el123, (float)cs123]);
        }
        if (Debiased)
        {
            if (record.EllipticalDebiased is not { } el || record.SpiralDebiased is not { } cs)
                throw new ArgumentException($"Galaxy {record.Id} has no EL_DEB/CS_DEB (asked for by the debiased features).", nameof(record));
            features.AddRange([(float)el, (float)cs]);
        }
        return [.. features];
    }

    /// <summary>Feature vectors of all <paramref name="records"/>.</summary>
    public float[][] Of(IReadOnlyList<GalaxyRecord> records) => records.Select(Of).ToArray();

    /// <summary>Expert class indices of <paramref name="records"/> for <paramref name="scenario"/>; every record must have one.</summary>
    /// <exception cref="ArgumentException">A record has no expert label, or some class of the scenario never occurs.</exception>
    public static int[] ExpertLabels(IReadOnlyList<GalaxyRecord> records, Scenario scenario)
    {
        var labels = new int[records.Count];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = records[i].Expert(scenario) is { } name
                ? ScenarioClasses.IndexOf(scenario, name)
                : throw new ArgumentException($"Galaxy {records[i].Id} has no {scenario} expert label.", nameof(records));
        var classes = ScenarioClasses.Of(scenario);
        for (var c = 0; c < classes.Count; c++)
            if (Array.IndexOf(labels, c) < 0)
                throw new ArgumentException($"No labelled galaxy is of {scenario} class '{classes[c]}': cannot learn it.", nameof(records));
        return labels;
    }
}
