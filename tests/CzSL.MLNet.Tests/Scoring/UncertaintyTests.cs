using System.Globalization;
using CzSL.MLNet.Scoring;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>The <c>uncertainty</c> column: the probabilities' entropy over log K, checked against hand-computed values.</summary>
[TestClass]
public sealed class UncertaintyTests
{
    [TestMethod]
    [DataRow(new[] { 0.5f, 0.5f }, 1.0)]
    [DataRow(new[] { 1f, 0f }, 0.0)]
    [DataRow(new[] { 0.9f, 0.1f }, 0.46899559358928117)] // −(0.9 ln 0.9 + 0.1 ln 0.1) / ln 2
    [DataRow(new[] { 0.7f, 0.2f, 0.1f }, 0.7298466991620974)] // −(0.7 ln 0.7 + 0.2 ln 0.2 + 0.1 ln 0.1) / ln 3
    [DataRow(new[] { 1 / 3f, 1 / 3f, 1 / 3f }, 1.0)]
    public void Uncertainty_is_the_normalised_entropy(float[] probabilities, double expected) =>
        Assert.AreEqual(expected, ScoreMath.NormalisedEntropy(probabilities), 1e-6);

    [TestMethod]
    public void Undefined_probabilities_have_no_uncertainty()
    {
        Assert.IsTrue(double.IsNaN(ScoreMath.NormalisedEntropy([float.NaN, 0.5f])));
        Assert.IsTrue(double.IsNaN(ScoreMath.NormalisedEntropy([1f])));
        Assert.IsTrue(double.IsNaN(GalaxyPrediction.Failed(new ImageInput("g", "g.png"), "unreadable").Uncertainty));
    }

    [TestMethod]
    public void The_csv_has_the_uncertainty_of_each_scored_row_and_an_empty_cell_for_a_failed_one()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-uncertainty-").FullName;
        try
        {
            var csv = Path.Combine(folder, "p.csv");
            string[] classes = ["elliptical", "spiral"];
            PredictionCsv.Write(csv, classes,
            [
                GalaxyPrediction.FromProbabilities(new ImageInput("a", "a.png"), [0.9f, 0.1f], classes),
                GalaxyPrediction.Failed(new ImageInput("b", "b.png"), "b.png: unreadable"),
            ]);
            var lines = File.ReadAllLines(csv);
            Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,error", lines[0]);
            Assert.AreEqual(0.46899559358928117, double.Parse(lines[1].Split(',')[5], CultureInfo.InvariantCulture), 1e-6);
            Assert.AreEqual("b,b.png,,,,,b.png: unreadable", lines[2]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void An_mc_dropout_csv_has_the_epistemic_column_after_uncertainty_and_a_plain_one_has_none()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-epistemic-").FullName;
        try
        {
            string[] classes = ["elliptical", "spiral"];
            GalaxyPrediction[] rows =
            [
                GalaxyPrediction.FromProbabilities(new ImageInput("a", "a.png"), [0.9f, 0.1f], classes, epistemic: 0.25f),
                GalaxyPrediction.Failed(new ImageInput("b", "b.png"), "b.png: unreadable"),
            ];
            var mc = Path.Combine(folder, "mc.csv");
            PredictionCsv.Write(mc, classes, rows, epistemic: true);
            var lines = File.ReadAllLines(mc);
            Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,epistemic,error", lines[0]);
            var a = lines[1].Split(',');
            Assert.AreEqual(0.46899559358928117, double.Parse(a[5], CultureInfo.InvariantCulture), 1e-6);
            CollectionAssert.AreEqual(new[] { "a", "a.png", "elliptical", "0.9", "0.1", a[5], "0.25", "" }, a);
            Assert.AreEqual("b,b.png,,,,,,b.png: unreadable", lines[2]);

            var plain = Path.Combine(folder, "plain.csv");
            PredictionCsv.Write(plain, classes, rows);
            Assert.AreEqual("id,image,predicted,p_elliptical,p_spiral,uncertainty,error", File.ReadAllLines(plain)[0]);
            Assert.AreEqual($"a,a.png,elliptical,0.9,0.1,{a[5]},", File.ReadAllLines(plain)[1]);

            // A scored row without the mutual information cannot fill the column: refused, nothing written.
            var missing = Path.Combine(folder, "missing.csv");
            var e = Assert.ThrowsExactly<ArgumentException>(() => PredictionCsv.Write(missing, classes,
                [GalaxyPrediction.FromProbabilities(new ImageInput("c", "c.png"), [0.5f, 0.5f], classes)], epistemic: true));
            StringAssert.Contains(e.Message, "'c'");
            Assert.IsFalse(File.Exists(missing));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
