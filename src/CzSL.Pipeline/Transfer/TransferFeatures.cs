using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Transfer;

/// <summary>
/// The inputs of label transfer: the vote fractions EL, CS, CW, ACW, EDGE, DK, MG (computed exactly from the counts,
/// <see cref="VoteCounts.Fractions"/>), optionally followed by the bias-corrected EL_DEB and CS_DEB.
/// </summary>
public static class TransferFeatures
{
    /// <summary>Number of features.</summary>
    public static int Count(bool includeDebiased) => includeDebiased ? 9 : 7;

    /// <summary>Feature names in order.</summary>
    public static IReadOnlyList<string> Names(bool includeDebiased) =>
        includeDebiased ? [.. VoteCounts.FractionNames, "EL_DEB", "CS_DEB"] : VoteCounts.FractionNames;

    /// <summary>The feature vector of <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">The record has no votes, or no EL_DEB/CS_DEB when they are asked for.</exception>
    public static float[] Of(GalaxyRecord record, bool includeDebiased)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Votes is not { Total: > 0 } votes)
            throw new ArgumentException($"Galaxy {record.Id} has no votes: label transfer needs vote fractions.", nameof(record));
        var fractions = votes.Fractions();
        if (!includeDebiased) return fractions;
        if (record.EllipticalDebiased is not { } el || record.SpiralDebiased is not { } cs)
            throw new ArgumentException($"Galaxy {record.Id} has no EL_DEB/CS_DEB (asked for by the debiased features).", nameof(record));
        return [.. fractions, (float)el, (float)cs];
    }

    /// <summary>Feature vectors of all <paramref name="records"/>.</summary>
    public static float[][] Of(IReadOnlyList<GalaxyRecord> records, bool includeDebiased) =>
        records.Select(r => Of(r, includeDebiased)).ToArray();

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
