using CzSL.Data;
using CzSL.Data.Metrics;

namespace CzSL.Reporting;

/// <summary>A whole comparison: scenarios → methods → repeats → metrics. Input of <see cref="ReportWriter"/>.</summary>
public sealed record ComparisonResult
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "CzSL comparison";
    /// <summary>Dataset description (e.g. manifest path and size), shown under the title; optional.</summary>
    public string? Dataset { get; init; }
    /// <summary>The scenarios, in report order.</summary>
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }
}

/// <summary>All methods' repeats on one scenario (optionally a variant such as MG with ROS).</summary>
public sealed record ScenarioResult
{
    /// <summary>The task.</summary>
    public required Scenario Scenario { get; init; }
    /// <summary>Variant label, e.g. "ROS" or "RUS" for MG resampling; null for the plain scenario.</summary>
    public string? Variant { get; init; }
    /// <summary>The methods compared.</summary>
    public required IReadOnlyList<MethodResult> Methods { get; init; }

    /// <summary>"ES", "ERL", "MG" or e.g. "MG-ROS": unique within a report, used in file names.</summary>
    public string Key => Variant is null ? Scenario.ToString() : $"{Scenario}-{Variant}";

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string> Classes => ScenarioClasses.Of(Scenario);

    /// <summary>The metric methods are ranked by: G-mean for MG, accuracy otherwise.</summary>
    public string MainMetric => Scenario.IsRareBinary ? MetricNames.GMean : MetricNames.Accuracy;
}

/// <summary>One method's repeats (folds × executions) on a scenario.</summary>
public sealed record MethodResult
{
    /// <summary>Display name, e.g. "CzSL" or "LightGbm (CAS)".</summary>
    public required string Name { get; init; }
    /// <summary>True for CzSL itself (or a CzSL variant): the significance test compares the best of these with the best other method.</summary>
    public bool IsCzsl { get; init; }
    /// <summary>The repeats.</summary>
    public required IReadOnlyList<RepeatResult> Repeats { get; init; }
}

/// <summary>One training-and-test run of a method.</summary>
public sealed record RepeatResult
{
    /// <summary>Cross-validation fold (1-based); repeats of two methods with the same fold and execution are paired.</summary>
    public int Fold { get; init; } = 1;
    /// <summary>Execution (random initialisation) within the fold, 1-based.</summary>
    public int Execution { get; init; } = 1;
    /// <summary>Test-set metrics against the expert labels.</summary>
    public required ClassificationReport Expert { get; init; }
    /// <summary>Test-set metrics against the ground truth (simulated data only).</summary>
    public ClassificationReport? Truth { get; init; }
    /// <summary>The test set's expert labels and predicted probabilities behind <see cref="Expert"/> (for the reliability diagram); null when not kept.</summary>
    public TestPredictions? Predictions { get; init; }
    /// <summary>The temperature a CNN's probabilities were scaled by and the ECE before scaling (<see cref="Expert"/>'s is after); null when none was fitted.</summary>
    public TemperatureCalibration? Calibration { get; init; }
    /// <summary>Training wall time in seconds.</summary>
    public double TrainSeconds { get; init; }
    /// <summary>Scoring wall time in seconds.</summary>
    public double ScoreSeconds { get; init; }
}

/// <summary>Per test example, the expert label and the class probabilities a method gave (one row per example, same order).</summary>
/// <param name="Labels">Expert class indices.</param>
/// <param name="Probabilities">Class probabilities per example.</param>
public sealed record TestPredictions(IReadOnlyList<int> Labels, IReadOnlyList<float[]> Probabilities);

/// <summary>Temperature scaling of one run: the fitted temperature and the test ECE (against expert labels) before it.</summary>
/// <param name="Temperature">The temperature T the logits were divided by (fitted on training-side expert labels).</param>
/// <param name="EceBefore">Expected calibration error of softmax(logits), i.e. T = 1, on the same test set.</param>
/// <param name="FittedOn">Which expert labels T was fitted on, in words (e.g. "the expert stage's validation split").</param>
public sealed record TemperatureCalibration(double Temperature, double EceBefore, string FittedOn);
