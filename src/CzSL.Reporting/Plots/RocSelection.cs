using CzSL.Data.Metrics;

namespace CzSL.Reporting.Plots;

/// <summary>One method's ROC curve for <see cref="ComparisonCharts.RocCurves"/>.</summary>
/// <param name="Method">Method name.</param>
/// <param name="IsCzsl">True for CzSL: always drawn.</param>
/// <param name="Auc">ROC AUC of the curve.</param>
/// <param name="Curve">The curve's points.</param>
public sealed record RocInput(string Method, bool IsCzsl, double Auc, IReadOnlyList<RocPoint> Curve);

/// <summary>Which methods a ROC figure draws, so that it stays readable.</summary>
public static class RocSelection
{
    /// <summary>Most curves in one ROC figure.</summary>
    public const int MaxMethods = 6;

    /// <summary>
    /// Every CzSL curve (up to <paramref name="max"/>), then the other methods by AUC (highest first, ties by name) until
    /// <paramref name="max"/> curves; returned by AUC, highest first (ties by name).
    /// </summary>
    public static IReadOnlyList<RocInput> Select(IReadOnlyList<RocInput> curves, int max = MaxMethods)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return curves.OrderByDescending(c => c.IsCzsl).ThenByDescending(c => c.Auc).ThenBy(c => c.Method, StringComparer.Ordinal)
            .Take(max)
            .OrderByDescending(c => c.Auc).ThenBy(c => c.Method, StringComparer.Ordinal)
            .ToList();
    }
}
