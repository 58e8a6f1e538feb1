namespace CzSL.Cli;

/// <summary>Exit codes of the <c>czsl</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>Unexpected failure (a bug or an environment problem).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: a malformed file, an unknown class, a missing folder.</summary>
    public const int BadInput = 2;
    /// <summary>A check failed (e.g. ONNX parity above tolerance).</summary>
    public const int CheckFailed = 3;
    /// <summary>Cancelled by the user.</summary>
    public const int Cancelled = 130;
}
