using System.Globalization;
using System.Text;
using CzSL.Data.Manifest;

namespace CzSL.Data.Csv;

/// <summary>One row of a training curve: what one epoch measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss, or null.</param>
/// <param name="ValLoss">Mean validation loss, or null.</param>
/// <param name="ValMetric">Validation metric, or null.</param>
/// <param name="LearningRate">Learning rate, or null.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public readonly record struct TrainingCurveRow(int Epoch, double? TrainLoss, double? ValLoss, double? ValMetric, double? LearningRate, double Seconds);

/// <summary>
/// The training-curve CSV that training writes for each stage and reports plot: header
/// <c>epoch,train_loss,val_loss,val_metric,lr,seconds</c>, one row per epoch, invariant culture, an empty cell for a
/// missing value. Reading accepts any subset of these columns in any order (names ignoring case); other columns fail.
/// </summary>
public static class TrainingCurveCsv
{
    /// <summary>Epoch number column (1-based).</summary>
    public const string Epoch = "epoch";

    /// <summary>Mean training loss column.</summary>
    public const string TrainLoss = "train_loss";

    /// <summary>Mean validation loss column.</summary>
    public const string ValLoss = "val_loss";

    /// <summary>Validation metric column (higher is better).</summary>
    public const string ValMetric = "val_metric";

    /// <summary>Learning-rate column.</summary>
    public const string LearningRate = "lr";

    /// <summary>Epoch wall-time column, seconds.</summary>
    public const string Seconds = "seconds";

    /// <summary>The columns, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Columns = [Epoch, TrainLoss, ValLoss, ValMetric, LearningRate, Seconds];

    /// <summary>The header line written.</summary>
    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>The CSV text of <paramref name="rows"/> (LF line ends; round-trip numbers, seconds to the millisecond).</summary>
    public static string ToCsv(IEnumerable<TrainingCurveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(Header).Append('\n');
        string F(double? v) => v is { } x ? x.ToString("R", inv) : "";
        foreach (var r in rows)
            sb.Append(r.Epoch.ToString(inv)).Append(',')
              .Append(F(r.TrainLoss)).Append(',').Append(F(r.ValLoss)).Append(',').Append(F(r.ValMetric)).Append(',')
              .Append(F(r.LearningRate)).Append(',').Append(r.Seconds.ToString("F3", inv)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<TrainingCurveRow> rows) => AtomicFile.WriteAllText(path, ToCsv(rows));

    /// <summary>
    /// Reads <paramref name="path"/>: each column present (keyed by its name in <see cref="Columns"/>) with one value per
    /// row; empty cells are NaN.
    /// </summary>
    /// <exception cref="ManifestFormatException">An unknown column, a malformed row or a cell that is not a number (file, line, column).</exception>
    public static IReadOnlyDictionary<string, double[]> Read(string path)
    {
        var table = CsvTable.Open(path);
        var names = new string[table.Header.Count];
        for (var c = 0; c < names.Length; c++)
        {
            names[c] = Columns.FirstOrDefault(k => table.IndexOf(k) == c)
                ?? throw new ManifestFormatException(path, table.HeaderLine, table.Header[c],
                    $"unknown column '{table.Header[c]}'; a training curve has: {Header}");
        }
        var values = names.Select(_ => new List<double>()).ToArray();
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < names.Length; c++)
            {
                var text = table.Text(row, c, optional: true);
                if (text is null) values[c].Add(double.NaN);
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) values[c].Add(v);
                else throw table.Error(row, c, $"'{text}' is not a number");
            }
        }
        return names.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => values[p.c].ToArray());
    }
}
