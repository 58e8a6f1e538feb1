using System.Globalization;
using System.Text;
using CzSL.Data;

namespace CzSL.Training.Loop;

/// <summary>Writes a training history as CSV: <c>epoch,train_loss,val_loss,val_metric,lr,seconds</c> (empty cells for missing values).</summary>
public static class TrainingCurve
{
    /// <summary>The CSV header line.</summary>
    public const string Header = "epoch,train_loss,val_loss,val_metric,lr,seconds";

    /// <summary>The CSV text of <paramref name="history"/>.</summary>
    public static string ToCsv(IEnumerable<EpochRecord> history)
    {
        var sb = new StringBuilder(Header).Append('\n');
        static string F(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        foreach (var r in history)
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(F(r.TrainLoss)).Append(',').Append(F(r.ValLoss)).Append(',').Append(F(r.ValMetric)).Append(',')
              .Append(F(r.LearningRate)).Append(',').Append(r.Seconds.ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the CSV to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<EpochRecord> history) => AtomicFile.WriteAllText(path, ToCsv(history));
}
