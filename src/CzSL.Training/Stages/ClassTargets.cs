using CzSL.Data.Labels;

namespace CzSL.Training.Stages;

/// <summary>
/// Training targets of a classifier: one row per sample over the classes, summing to 1 — one-hot rows for hard
/// labels, distributions (e.g. vote fractions) for soft labels.
/// </summary>
public sealed class ClassTargets
{
    private ClassTargets(float[] rows, int classCount)
    {
        Rows = rows;
        ClassCount = classCount;
    }

    /// <summary>Number of classes (row width).</summary>
    public int ClassCount { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Rows.Length / ClassCount;

    /// <summary>Row-major rows.</summary>
    internal float[] Rows { get; }

    /// <summary>One-hot rows for hard labels 0..<paramref name="classCount"/>−1.</summary>
    public static ClassTargets Hard(IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), $"Need at least 2 classes, got {classCount}.");
        var rows = new float[labels.Count * classCount];
        for (var i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Label {i} is {labels[i]}; classes are 0..{classCount - 1}.", nameof(labels));
            rows[i * classCount + labels[i]] = 1f;
        }
        return new ClassTargets(rows, classCount);
    }

    /// <summary>Soft rows: each of the same width ≥ 2, finite, non-negative, summing to 1 (±1e-3).</summary>
    public static ClassTargets Soft(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No target rows.", nameof(rows));
        var width = rows[0].Length;
        if (width < 2) throw new ArgumentException($"Target rows need at least 2 classes, row 0 has {width}.", nameof(rows));
        var flat = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Length != width) throw new ArgumentException($"Target row {i} has {row.Length} values, row 0 has {width}.", nameof(rows));
            double sum = 0;
            foreach (var v in row)
            {
                if (!float.IsFinite(v) || v < 0) throw new ArgumentException($"Target row {i} holds {v}; values must be finite and ≥ 0.", nameof(rows));
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-3) throw new ArgumentException($"Target row {i} sums to {sum:G6}, not 1.", nameof(rows));
            row.CopyTo(flat, i * width);
        }
        return new ClassTargets(flat, width);
    }

    /// <summary>The targets of amateur labels (<see cref="AmateurLabel.Target"/>: one-hot or vote fractions).</summary>
    public static ClassTargets FromAmateur(IReadOnlyList<AmateurLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Soft(labels.Select(l => l.Target).ToList());
    }

    /// <summary>The target row of sample <paramref name="index"/> (a copy).</summary>
    public float[] Row(int index) => Rows.AsSpan(index * ClassCount, ClassCount).ToArray();

    /// <summary>The most probable class of each row (first on ties).</summary>
    public int[] HardLabels() => HardLabels(Rows, ClassCount);

    /// <summary>Per-class totals of the rows (sample counts for one-hot rows).</summary>
    public double[] ClassTotals()
    {
        var totals = new double[ClassCount];
        for (var i = 0; i < Rows.Length; i++) totals[i % ClassCount] += Rows[i];
        return totals;
    }

    /// <summary>Argmax of each row of a row-major matrix.</summary>
    internal static int[] HardLabels(float[] rows, int width)
    {
        var labels = new int[rows.Length / width];
        for (var i = 0; i < labels.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < width; c++)
                if (rows[i * width + c] > rows[i * width + best]) best = c;
            labels[i] = best;
        }
        return labels;
    }
}
