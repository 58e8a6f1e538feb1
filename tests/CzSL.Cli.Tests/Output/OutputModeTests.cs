using System.Text.Json;
using CzSL.Cli.Commands;
using CzSL.Cli.Console;
using CzSL.Cli.Tests.Data;

namespace CzSL.Cli.Tests.Output;

/// <summary>
/// <c>--json</c> puts one JSON document of the command's tables and messages on standard output (errors stay on the
/// error stream); <c>--quiet</c> says nothing on standard output; without either the human output is unchanged.
/// </summary>
[TestClass]
public sealed class OutputModeTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CzslCommand.Create(new SpectreReporter(output, error)).Parse(args).InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Json_output_is_one_document_with_the_tables_as_rows()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await Run("simulate", "--count", "40", "--size", "16", "--seed", "2", "--out", temp["sim"], "--json");
        Assert.AreEqual(0, code, stderr);
        using var document = JsonDocument.Parse(stdout); // the whole of standard output parses: nothing else was printed
        var root = document.RootElement;
        Assert.AreEqual("simulate", root.GetProperty("command").GetString());
        Assert.AreEqual(0, root.GetProperty("exitCode").GetInt32());
        var table = root.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "Simulated galaxies by true type");
        var total = table.GetProperty("rows").EnumerateArray().Sum(r => int.Parse(r.GetProperty("count").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(40, total, "the type counts add up to the simulated galaxies");
        Assert.IsTrue(root.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("kind").GetString() == "success"
            && m.GetProperty("text").GetString()!.Contains("wrote 40 galaxies")));
    }

    [TestMethod]
    public async Task Json_errors_keep_the_exit_code_and_go_to_the_error_stream()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = await Run("train", "autoencoder", "--data", temp["nowhere"], "--out", temp["runs"], "--json");
        Assert.AreEqual(ExitCodes.BadInput, code);
        StringAssert.StartsWith(stderr, "error:");
        using var document = JsonDocument.Parse(stdout);
        Assert.AreEqual("train autoencoder", document.RootElement.GetProperty("command").GetString());
        Assert.AreEqual(ExitCodes.BadInput, document.RootElement.GetProperty("exitCode").GetInt32());
    }

    [TestMethod]
    public async Task Quiet_prints_nothing_on_success_and_normal_mode_prints_the_table()
    {
        using var temp = new TempFolder();
        var quiet = await Run("simulate", "--count", "20", "--size", "16", "--out", temp["a"], "--quiet");
        Assert.AreEqual(0, quiet.Code, quiet.Err);
        Assert.AreEqual("", quiet.Out);
        var normal = await Run("simulate", "--count", "20", "--size", "16", "--out", temp["b"]);
        StringAssert.Contains(normal.Out, "Simulated galaxies by true"); // the table title (wrapped at the table width)
        StringAssert.Contains(normal.Out, "│ type      │ count │ share │");
        StringAssert.Contains(normal.Out, "wrote 20 galaxies");
    }
}
