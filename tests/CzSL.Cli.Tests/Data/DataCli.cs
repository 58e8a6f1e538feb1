using System.CommandLine;
using CzSL.Cli.Commands.Data;

namespace CzSL.Cli.Tests.Data;

/// <summary>Parses and invokes <c>czsl data …</c> with a fake reporter.</summary>
internal static class DataCli
{
    /// <summary>Runs <c>data <paramref name="args"/></c> and returns the exit code.</summary>
    public static Task<int> Run(FakeReporter reporter, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(reporter));
        return root.Parse(["data", .. args]).InvokeAsync();
    }
}
