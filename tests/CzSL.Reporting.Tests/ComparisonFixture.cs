using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Reporting;

namespace CzSL.Reporting.Tests;

/// <summary>Builds comparison results whose metrics are known by construction.</summary>
internal static class ComparisonFixture
{
    /// <summary>
    /// A report of <paramref name="n"/> test rows with exactly <paramref name="correct"/> right: rows cycle through the
    /// classes, the first <paramref name="correct"/> get probability 0.8 on the truth, the rest 0.8 on the next class.
    /// </summary>
    public static ClassificationReport Report(int classes, int n, int correct, int seed = 0)
    {
        var predictions = Predictions(classes, n, correct, seed);
        return ClassificationMetrics.Compute(predictions.Labels, predictions.Probabilities, classes);
    }

    /// <summary>The test rows behind <see cref="Report"/>.</summary>
    public static TestPredictions Predictions(int classes, int n, int correct, int seed = 0)
    {
        var truth = new int[n];
        var probabilities = new float[n][];
        for (var i = 0; i < n; i++)
        {
            truth[i] = (i + seed) % classes;
            var predicted = i < correct ? truth[i] : (truth[i] + 1) % classes;
            probabilities[i] = Enumerable.Repeat(0.2f / (classes - 1), classes).ToArray();
            probabilities[i][predicted] = 0.8f;
        }
        return new TestPredictions(truth, probabilities);
    }

    public static MethodResult Method(string name, int classes, int[] correct, int n = 20, bool czsl = false, bool truth = false) => new()
    {
        Name = name,
        IsCzsl = czsl,
        Repeats = correct.Select((c, i) => new RepeatResult
        {
            Fold = i / 2 + 1,
            Execution = i % 2 + 1,
            Expert = Report(classes, n, c, i),
            Predictions = Predictions(classes, n, c, i),
            Truth = truth ? Report(classes, n, Math.Min(n, c + 1), i) : null,
            TrainSeconds = 1.5 + i,
            ScoreSeconds = 0.01 * (i + 1),
        }).ToArray(),
    };

    /// <summary>ES: CzSL 18,19,17,18 of 20 right; LightGbm 16,17,16,15; Sdca 12,13,14,12. ERL and MG likewise, CzSL best.</summary>
    public static ComparisonResult Result() => new()
    {
        Title = "Test comparison",
        Dataset = "synthetic fixture",
        Scenarios =
        [
            new ScenarioResult
            {
                Scenario = Scenario.ES,
                Methods =
                [
                    Method("Sdca (CAS)", 2, [12, 13, 14, 12]),
                    Method("CzSL", 2, [18, 19, 17, 18], czsl: true),
                    Method("LightGbm (CAS)", 2, [16, 17, 16, 15]),
                ],
            },
            new ScenarioResult
            {
                Scenario = Scenario.ERL,
                Methods =
                [
                    Method("CzSL", 3, [20, 22, 21, 23], n: 30, czsl: true),
                    Method("Lbfgs (pixels)", 3, [15, 16, 18, 15], n: 30),
                ],
            },
            new ScenarioResult
            {
                Scenario = Scenario.MG,
                Variant = "ROS",
                Methods =
                [
                    Method("CzSL", 2, [15, 16, 15, 17], czsl: true, truth: true),
                    Method("FastForest (CAS)", 2, [14, 13, 15, 14], truth: true),
                ],
            },
        ],
    };
}
