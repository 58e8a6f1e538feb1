using CzSL.Data.Models;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Export;
using CzSL.Training;
using CzSL.Training.Loop;

namespace CzSL.Cli.Commands;

/// <summary>What the user is told about an exception: the exit code and one line.</summary>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="Message">One line naming the file, row or field where the exception does.</param>
/// <param name="Internal">True for a bug (the stack trace is worth showing under <c>--verbose</c>).</param>
public sealed record CommandError(int ExitCode, string Message, bool Internal);

/// <summary>The one mapping from exceptions to exit codes and messages of the <c>czsl</c> command.</summary>
public static class CommandErrors
{
    // errno values (Linux): no space left on device, disk quota exceeded; Windows: ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL.
    private static readonly HashSet<int> OutOfSpace = [28, 122, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>
    /// Classifies <paramref name="exception"/>: cancellation → 130; failed check → <see cref="ExitCodes.CheckFailed"/>;
    /// download failure, full disk, missing CUDA → <see cref="ExitCodes.Unavailable"/>; bad data, files, options, model
    /// cards, checkpoints, busy or unwritable output folders → <see cref="ExitCodes.BadInput"/>; anything else is an
    /// internal error (<see cref="ExitCodes.Failure"/>).
    /// </summary>
    public static CommandError Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = Unwrap(exception);
        var message = OneLine(e.Message);
        return e switch
        {
            OperationCanceledException => new(ExitCodes.Cancelled, "cancelled", false),
            OnnxParityException => new(ExitCodes.CheckFailed, message, false),
            ExecutionProviderUnavailableException or CudaUnavailableException or HttpRequestException or HttpIOException or TimeoutException
                => new(ExitCodes.Unavailable, message, false),
            IOException io when OutOfSpace.Contains(io.HResult) => new(ExitCodes.Unavailable, $"{message} (the disk is full)", false),
            UnauthorizedAccessException => new(ExitCodes.BadInput, $"{message} (permission denied: is the folder read-only?)", false),
            IOException or InvalidDataException or FormatException or ArgumentException or ModelCardException or CheckpointMismatchException
                => new(ExitCodes.BadInput, message, false),
            _ => new(ExitCodes.Failure, $"internal error ({e.GetType().Name}): {message}", true),
        };
    }

    // Parallel loops wrap what failed inside them.
    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        return e;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
