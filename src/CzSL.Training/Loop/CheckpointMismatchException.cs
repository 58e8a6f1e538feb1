namespace CzSL.Training.Loop;

/// <summary>A resume was asked for, but the folder's checkpoint belongs to another run (other stage, data or settings).</summary>
public sealed class CheckpointMismatchException(string folder, string message) : InvalidOperationException(message)
{
    /// <summary>The checkpoint folder.</summary>
    public string Folder { get; } = folder;
}
