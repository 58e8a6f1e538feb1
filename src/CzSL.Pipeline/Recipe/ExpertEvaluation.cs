using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// A scenario's labelled galaxies for protocols that choose their own expert sets (release folds, learning curves):
/// every expert-labelled galaxy, and the amateur set A — galaxies with an amateur label and no expert label.
/// </summary>
/// <param name="Scenario">The task.</param>
/// <param name="Expert">Every expert-labelled galaxy (one-hot targets).</param>
/// <param name="Amateur">A: the galaxies that have only an amateur label.</param>
public sealed record ExpertAndAmateur(Scenario Scenario, LabelledSet Expert, LabelledSet Amateur)
{
    /// <summary>Number of classes.</summary>
    public int ClassCount => ScenarioClasses.Of(Scenario).Count;

    /// <summary>The sets of <paramref name="scenario"/> in <paramref name="records"/> (store order), amateur labels by <paramref name="policy"/>.</summary>
    public static ExpertAndAmateur Of(IReadOnlyList<GalaxyRecord> records, Scenario scenario, AmateurLabelPolicy policy)
    {
        var classes = ScenarioClasses.Of(scenario).Count;
        var expert = Enumerable.Range(0, records.Count)
            .Select(i => (Index: i, Label: ScenarioLabels.ExpertIndex(records[i], scenario))).Where(x => x.Label is not null)
            .Select(x => (x.Index, Label: x.Label!.Value)).ToArray();
        var expertIds = expert.Select(x => x.Index).ToHashSet();
        var amateur = Enumerable.Range(0, records.Count).Where(i => !expertIds.Contains(i))
            .Select(i => (Index: i, Label: policy.Label(records[i], scenario))).Where(x => x.Label is not null).ToArray();
        return new ExpertAndAmateur(scenario,
            new LabelledSet(expert.Select(x => x.Index).ToArray(), expert.Select(x => x.Label).ToArray(),
                expert.Select(x => AmateurLabel.OneHot(x.Label, classes).Target).ToArray()),
            new LabelledSet(amateur.Select(x => x.Index).ToArray(), amateur.Select(x => x.Label!.ClassIndex).ToArray(),
                amateur.Select(x => x.Label!.Target).ToArray()));
    }
}

/// <summary>How protocols that score on held-out expert labels score a network: one rule, one main metric per scenario.</summary>
public static class ExpertEvaluation
{
    /// <summary>The main metric's name: g_mean for MG, accuracy otherwise.</summary>
    public static string MainMetricName(Scenario scenario) => scenario.IsRareBinary ? "g_mean" : "accuracy";

    /// <summary>The main metric of <paramref name="report"/>.</summary>
    public static double MainMetric(ClassificationReport report, Scenario scenario) =>
        scenario.IsRareBinary ? report.Binary?.GMean ?? double.NaN : report.Accuracy;

    /// <summary>
    /// Test metrics of <paramref name="model"/> on <paramref name="test"/> (ERL: mirror test-time augmentation); the binary
    /// threshold (MG) maximises G-mean on the expert labels <paramref name="train"/> the network was trained with.
    /// </summary>
    public static ClassificationReport Score(CzslClassifier model, ImageStore store, LabelledSet train, LabelledSet test, Scenario scenario)
    {
        var probabilities = ClassifierStage.Predict(model, store, test.Indices, mirrorClasses: ScenarioClasses.MirrorClasses(scenario));
        var threshold = scenario.IsRareBinary ? Threshold(ClassifierStage.Predict(model, store, train.Indices), train.Labels) : 0.5;
        return ClassificationMetrics.Compute(test.Labels, probabilities, ScenarioClasses.Of(scenario).Count, threshold);
    }

    /// <summary>The threshold on the positive-class probability that maximises G-mean on <paramref name="labels"/> (0.5 without both classes).</summary>
    public static double Threshold(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels) =>
        labels.Distinct().Count() < 2 ? 0.5
            : ThresholdSelection.Choose(ThresholdRule.MaxGMean, labels, probabilities.Select(p => (double)p[1]).ToArray());
}
