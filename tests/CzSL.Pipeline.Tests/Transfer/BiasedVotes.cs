using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Tests.Transfer;

/// <summary>
/// Synthetic ES galaxies whose amateurs are biased: a third of the spirals are "faint" and get a majority of
/// elliptical votes (EL 50–62%) together with many "don't know" votes, which true ellipticals rarely get. The raw
/// majority mislabels every faint spiral; a transfer that learns the expert's reading of the votes need not.
/// </summary>
internal static class BiasedVotes
{
    public static GalaxyRecord[] Make(int count, ulong seed, int folds = 1)
    {
        var rng = new SeededRandom(seed);
        var records = new GalaxyRecord[count];
        for (var i = 0; i < count; i++)
        {
            var total = 30 + rng.NextInt(30);
            var kind = rng.NextInt(3); // 0 elliptical, 1 bright spiral, 2 faint spiral
            double el, dk, mg = rng.NextDouble() * 0.05;
            if (kind == 0) { el = 0.55 + 0.4 * rng.NextDouble(); dk = 0.04 * rng.NextDouble(); }
            else if (kind == 1) { el = 0.05 + 0.3 * rng.NextDouble(); dk = 0.05 * rng.NextDouble(); }
            else { el = 0.50 + 0.12 * rng.NextDouble(); dk = 0.12 + 0.1 * rng.NextDouble(); }
            var nEl = (int)Math.Round(el * total);
            var nDk = (int)Math.Round(dk * total);
            var nMg = (int)Math.Round(mg * total);
            var nSpiral = Math.Max(0, total - nEl - nDk - nMg);
            var nCw = (int)Math.Round(nSpiral * 0.5 * rng.NextDouble());
            var nAcw = (int)Math.Round((nSpiral - nCw) * 0.5 * rng.NextDouble());
            records[i] = new GalaxyRecord
            {
                Id = $"g{i}",
                Votes = new VoteCounts(nEl, nCw, nAcw, nSpiral - nCw - nAcw, nDk, nMg),
                ExpertES = kind == 0 ? "elliptical" : "spiral",
                Fold = i % folds + 1,
                Order = i / folds,
            };
        }
        return records;
    }
}
