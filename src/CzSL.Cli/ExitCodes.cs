namespace CzSL.Cli;

/// <summary>Exit codes of the <c>czsl</c> command (docs/reliability.md lists them with examples).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>Internal error: a bug. One line says so; <c>--verbose</c> adds the stack trace.</summary>
    public const int Failure = 1;
    /// <summary>
    /// Bad input: a malformed or missing file, a corrupt or truncated image, an edited model card, a checkpoint of
    /// another run, an output folder another run holds or that cannot be written, a wrong option.
    /// </summary>
    public const int BadInput = 2;
    /// <summary>A check failed (e.g. ONNX parity above tolerance): nothing was written.</summary>
    public const int CheckFailed = 3;
    /// <summary>
    /// Something outside the input is unavailable: a download failed after its retries, the disk is full, CUDA was
    /// asked for but cannot start. The same command may succeed later or elsewhere.
    /// </summary>
    public const int Unavailable = 4;
    /// <summary>Cancelled by the user.</summary>
    public const int Cancelled = 130;
}
