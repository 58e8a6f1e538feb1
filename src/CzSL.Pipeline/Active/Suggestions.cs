using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Active;

/// <summary>The galaxies to send to experts next, and whether the asked strategy had to fall back to a label-free one.</summary>
/// <param name="Asked">The strategy asked for.</param>
/// <param name="Used">The strategy used (<see cref="ActiveStrategy.VoteMargin"/> when a model-based one had too few labels).</param>
/// <param name="Labelled">Galaxies that already had the scenario's expert label.</param>
/// <param name="Picks">The picks, best first.</param>
public sealed record Suggestion(ActiveStrategy Asked, ActiveStrategy Used, int Labelled, IReadOnlyList<ActivePick> Picks)
{
    /// <summary>True when the asked strategy needed a model it could not fit (the expert labels so far miss a class).</summary>
    public bool FellBack => Asked != Used;

    /// <summary>
    /// Suggests the next <paramref name="budget"/> galaxies of <paramref name="records"/> for <paramref name="scenario"/>:
    /// the galaxies with the scenario's expert label train the model, the others are candidates.
    /// </summary>
    public static Suggestion For(IReadOnlyList<GalaxyRecord> records, Scenario scenario, int budget, ActiveStrategy strategy,
        ulong seed, ActiveSelectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        var labelled = Enumerable.Range(0, records.Count).Where(i => records[i].Expert(scenario) is not null).ToArray();
        var selector = new ActiveSelector(scenario, options);
        var used = strategy.NeedsModel() && !selector.CanFit(records, labelled) ? ActiveStrategy.VoteMargin : strategy;
        return new Suggestion(strategy, used, labelled.Length, selector.Next(records, labelled, budget, used, seed));
    }

    /// <summary>Why a pick was chosen, in words.</summary>
    public static string Reason(ActivePick pick)
    {
        ArgumentNullException.ThrowIfNull(pick);
        return pick.Strategy switch
        {
            ActiveStrategy.FirstRows => "next in file order",
            ActiveStrategy.Random => "random draw",
            ActiveStrategy.VoteMargin => string.Create(CultureInfo.InvariantCulture, $"volunteer votes split: margin {pick.Margin:F3}"),
            ActiveStrategy.Uncertainty => string.Create(CultureInfo.InvariantCulture, $"transfer model unsure: p {pick.Probability:F3}, margin {pick.Margin:F3}"),
            ActiveStrategy.Committee => string.Create(CultureInfo.InvariantCulture, $"models disagree: mean KL {pick.Disagreement:F3} nats"),
            ActiveStrategy.Diversity => string.Create(CultureInfo.InvariantCulture, $"unsure (p {pick.Probability:F3}) and far from labelled galaxies in vote space"),
            ActiveStrategy.CnnEntropy => string.Create(CultureInfo.InvariantCulture, $"CNN unsure: p {pick.Probability:F3}, entropy {pick.Uncertainty:F2}"),
            ActiveStrategy.CnnMargin => string.Create(CultureInfo.InvariantCulture, $"CNN unsure: p {pick.Probability:F3}, margin {pick.Margin:F3}"),
            ActiveStrategy.CnnHybrid => string.Create(CultureInfo.InvariantCulture,
                $"CNN unsure (p {pick.Probability:F3}, entropy {pick.Uncertainty:F2}) and far from labelled galaxies in its embedding space"),
            ActiveStrategy.CnnBald => string.Create(CultureInfo.InvariantCulture,
                $"CNN's dropout samples disagree: mutual information {pick.Disagreement:F3} nats (p {pick.Probability:F3})"),
            _ => throw new ArgumentOutOfRangeException(nameof(pick), pick.Strategy, "Unknown strategy."),
        };
    }

    /// <summary>The CSV columns of <see cref="Write"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["rank", "id", "strategy", "reason", "probability", "margin", "disagreement", "expected_gain", "uncertainty"];

    /// <summary>Writes the picks as CSV (<see cref="Columns"/>) to <paramref name="path"/>, atomically.</summary>
    public void Write(string path)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns).Append('\n');
        foreach (var p in Picks)
        {
            string[] fields = [p.Rank.ToString(CultureInfo.InvariantCulture), p.Id, p.Strategy.Name(), Reason(p),
                Number(p.Probability), Number(p.Margin), Number(p.Disagreement), Number(p.ExpectedGain), Number(p.Uncertainty)];
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0) text.Append(',');
                CsvField.Append(text, fields[i]);
            }
            text.Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Number(double? value) => value?.ToString("F6", CultureInfo.InvariantCulture) ?? "";
}
