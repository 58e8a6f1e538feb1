using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>Runs <c>czsl</c> in-process with a fake reporter.</summary>
internal static class Cli
{
    /// <summary>Runs <paramref name="args"/> and returns the exit code and everything said.</summary>
    public static async Task<(int Code, FakeReporter Reporter)> Run(params string[] args)
    {
        var reporter = new FakeReporter();
        var code = await CzslCommand.Create(reporter).Parse(args).InvokeAsync();
        return (code, reporter);
    }

    /// <summary>Runs <paramref name="args"/> and fails with everything said unless it exits 0.</summary>
    public static async Task<FakeReporter> Ok(params string[] args)
    {
        var (code, reporter) = await Run(args);
        Assert.AreEqual(ExitCodes.Success, code, $"czsl {string.Join(' ', args)}:\n{string.Join('\n', reporter.Lines)}");
        return reporter;
    }

    /// <summary>Asserts exit <paramref name="expected"/> with exactly one error line, and returns that line.</summary>
    public static string Failed(int code, FakeReporter reporter, int expected)
    {
        Assert.AreEqual(expected, code, string.Join('\n', reporter.Lines));
        var errors = reporter.Lines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, errors, string.Join('\n', reporter.Lines));
        Assert.IsFalse(errors[0].Contains('\n'), "one line");
        return errors[0];
    }
}
