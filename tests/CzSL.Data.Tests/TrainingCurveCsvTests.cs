using CzSL.Data.Csv;
using CzSL.Data.Manifest;

namespace CzSL.Data.Tests;

[TestClass]
public sealed class TrainingCurveCsvTests
{
    [TestMethod]
    public void HandWrittenCsvReadsBack()
    {
        using var dir = new TempFolder();
        var path = dir.Write("curve.csv",
            "epoch,train_loss,val_loss,val_metric,lr,seconds\n" +
            "1,0.9,1.25,0.5,0.001,12.5\n" +
            "2,0.625,,0.75,0.0005,11\n");
        var curve = TrainingCurveCsv.Read(path);
        CollectionAssert.AreEqual(TrainingCurveCsv.Columns.ToArray(), curve.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, curve[TrainingCurveCsv.Epoch]);
        CollectionAssert.AreEqual(new[] { 0.9, 0.625 }, curve[TrainingCurveCsv.TrainLoss]);
        Assert.AreEqual(1.25, curve[TrainingCurveCsv.ValLoss][0]);
        Assert.IsTrue(double.IsNaN(curve[TrainingCurveCsv.ValLoss][1]), "an empty cell is NaN");
        CollectionAssert.AreEqual(new[] { 0.5, 0.75 }, curve[TrainingCurveCsv.ValMetric]);
        CollectionAssert.AreEqual(new[] { 0.001, 0.0005 }, curve[TrainingCurveCsv.LearningRate]);
        CollectionAssert.AreEqual(new[] { 12.5, 11.0 }, curve[TrainingCurveCsv.Seconds]);
    }

    [TestMethod]
    public void WriterWritesTheFormatTheReaderReads()
    {
        using var dir = new TempFolder();
        var path = dir.File("curve.csv");
        TrainingCurveCsv.Write(path, [new TrainingCurveRow(1, 0.5, null, null, 0.01, 2.5), new TrainingCurveRow(2, 0.25, 0.75, 0.875, 0.01, 1.0)]);
        Assert.AreEqual("epoch,train_loss,val_loss,val_metric,lr,seconds\n1,0.5,,,0.01,2.500\n2,0.25,0.75,0.875,0.01,1.000\n", File.ReadAllText(path));
        var back = TrainingCurveCsv.Read(path);
        CollectionAssert.AreEqual(new[] { 0.5, 0.25 }, back[TrainingCurveCsv.TrainLoss]);
        Assert.AreEqual(0.875, back[TrainingCurveCsv.ValMetric][1]);
    }

    [TestMethod]
    public void SubsetOfColumnsInAnyOrder_UnknownColumnFails()
    {
        using var dir = new TempFolder();
        var curve = TrainingCurveCsv.Read(dir.Write("s.csv", "Seconds,TRAIN_LOSS\n1,0.9\n"));
        CollectionAssert.AreEqual(new[] { TrainingCurveCsv.Seconds, TrainingCurveCsv.TrainLoss }, curve.Keys.ToArray());
        Assert.AreEqual(0.9, curve[TrainingCurveCsv.TrainLoss][0]);

        var e = Assert.ThrowsExactly<ManifestFormatException>(() => TrainingCurveCsv.Read(dir.Write("u.csv", "epoch,val_los\n1,2\n")));
        Assert.AreEqual((1, "val_los"), (e.Line, e.Column));
        StringAssert.Contains(e.Problem, "unknown column 'val_los'");
    }
}
