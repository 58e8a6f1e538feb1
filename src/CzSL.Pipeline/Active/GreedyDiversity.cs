namespace CzSL.Pipeline.Active;

/// <summary>
/// Diversity-aware batch selection: greedily the candidate with the largest uncertainty × distance to the nearest point
/// already labelled or picked (Euclidean), each pick moving the others' nearest distances. Candidates with no labelled
/// point to measure from count as far away (their uncertainty alone decides the first pick).
/// </summary>
internal static class GreedyDiversity
{
    /// <summary>Positions in <paramref name="points"/> of the <paramref name="count"/> picks, in pick order.</summary>
    /// <param name="uncertainty">Each candidate's uncertainty (same order as <paramref name="points"/>).</param>
    /// <param name="points">Each candidate's point.</param>
    /// <param name="labelled">The points of the galaxies already labelled.</param>
    /// <param name="count">Picks wanted (at most the candidates).</param>
    public static IReadOnlyList<int> Pick(IReadOnlyList<double> uncertainty, IReadOnlyList<float[]> points, IReadOnlyList<float[]> labelled, int count)
    {
        var nearest = points.Select(x => labelled.Count == 0 ? double.PositiveInfinity : labelled.Min(y => Distance(x, y))).ToArray();
        var chosen = new List<int>(count);
        var used = new bool[points.Count];
        for (var n = 0; n < Math.Min(count, points.Count); n++)
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var s = 0; s < points.Count; s++)
            {
                if (used[s]) continue;
                var value = uncertainty[s] * Math.Min(nearest[s], 1e9);
                if (value > bestValue) (best, bestValue) = (s, value);
            }
            used[best] = true;
            chosen.Add(best);
            for (var s = 0; s < points.Count; s++)
                if (!used[s]) nearest[s] = Math.Min(nearest[s], Distance(points[s], points[best]));
        }
        return chosen;
    }

    /// <summary>Euclidean distance.</summary>
    public static double Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
