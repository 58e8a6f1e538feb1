namespace CzSL.Pipeline;

/// <summary>Progress of a long run (comparison or paper protocol): work units done out of the total, and what is running now.</summary>
public readonly record struct ExperimentProgress(double Done, double Total, string Status);
