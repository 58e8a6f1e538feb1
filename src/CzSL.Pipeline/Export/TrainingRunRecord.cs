using System.Text.Json;
using System.Text.Json.Serialization;
using CzSL.Data;
using CzSL.Data.Models;
using CzSL.Training.Loop;

namespace CzSL.Pipeline.Export;

/// <summary>
/// What a classifier stage trained on and measured, written beside its weights as <see cref="FileName"/> so that
/// <c>czsl export</c> can fill the model card's training data and metrics from the run.
/// </summary>
/// <param name="Task">The name of the task the network was trained for (e.g. "es", or a dataset's own task).</param>
/// <param name="Stage">The recipe stage (e.g. "ExpertFineTuning").</param>
/// <param name="TrainingData">Counts: images trained on and held out for validation.</param>
/// <param name="Metrics">Validation measurements at the best epoch (loss, the monitored metric), when the run had a validation set.</param>
public sealed record TrainingRunRecord(string Task, string Stage, IReadOnlyDictionary<string, long> TrainingData,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>File name inside a model folder.</summary>
    public const string FileName = "training.json";

    /// <summary>The card's human part, when the run wrote its own (e.g. a recalibrated released model); null: <see cref="ExportAbout"/> describes the run.</summary>
    public ModelAbout? About { get; init; }

    /// <summary>The class balance the probabilities assume, when the run knows it (<see cref="ModelCard.TrainingPrior"/>).</summary>
    public IReadOnlyList<double>? TrainingPrior { get; init; }

    /// <summary>Binary classifiers: the p(class 1) decision threshold for the card (<see cref="ModelCard.DecisionThreshold"/>), when the run has one.</summary>
    public double? DecisionThreshold { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The record of a classifier stage: counts and the best epoch's validation loss and <paramref name="metricName"/>.</summary>
    public static TrainingRunRecord Of(Scenario scenario, string stage, TrainingResult history, int trainCount, int validationCount, string metricName)
    {
        ArgumentNullException.ThrowIfNull(history);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var best = history.History.FirstOrDefault(e => e.Epoch == history.BestEpoch);
        if (best?.ValLoss is { } loss && double.IsFinite(loss)) metrics["validation_loss"] = loss;
        if (best?.ValMetric is { } metric && double.IsFinite(metric)) metrics["validation_" + metricName] = metric;
        if (best is not null) metrics["best_epoch"] = best.Epoch;
        ArgumentNullException.ThrowIfNull(scenario);
        return new TrainingRunRecord(scenario.Name(), stage,
            new Dictionary<string, long> { ["train_images"] = trainCount, ["validation_images"] = validationCount }, metrics);
    }

    /// <summary>Writes the record into <paramref name="folder"/> atomically.</summary>
    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The record in <paramref name="folder"/>, or null when the folder has none (trained before records were written).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid record (the message names it).</exception>
    public static TrainingRunRecord? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrainingRunRecord>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: holds JSON null, not a training record.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid training record: {e.Message}", e);
        }
    }
}
