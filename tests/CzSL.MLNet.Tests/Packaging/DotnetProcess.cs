using System.Diagnostics;

namespace CzSL.MLNet.Tests.Packaging;

/// <summary>Runs the dotnet CLI in a child process with a clean MSBuild environment (not the test host's).</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <c>dotnet args</c> in <paramref name="workingDirectory"/>; returns stdout, failing the test on a non-zero exit or timeout.</summary>
    public static string Run(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null,
        int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host runs under MSBuild/VSTest; a child build must not inherit its MSBuild settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "VSTEST_HOST_DEBUG").ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish in {timeoutSeconds} s.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
