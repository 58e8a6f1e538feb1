using CzSL.Training.Loop;

namespace CzSL.Training.Stages;

/// <summary>A trained network and how its training went.</summary>
/// <param name="Model">The network (holding the best epoch's weights when the stage restored them).</param>
/// <param name="Training">History, best epoch, early stop, resume point.</param>
public sealed record StageResult<TModel>(TModel Model, TrainingResult Training);
