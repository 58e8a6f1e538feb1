using CzSL.Training.Loop;

namespace CzSL.Pipeline.Recipe;

/// <summary>What one stage produced: its model, its training history (null when loaded from disk), the sizes it trained on and its wall time.</summary>
public sealed record StageOutcome<T>(T Model, TrainingResult? Training, int TrainCount, int ValidationCount, double Seconds);
