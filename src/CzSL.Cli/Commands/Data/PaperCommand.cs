using System.CommandLine;
using CzSL.Cli.Console;
using CzSL.Pipeline.Paper;

namespace CzSL.Cli.Commands.Data;

/// <summary><c>czsl data paper</c>: the CzSL paper's ten test files → an ESRL and an MG manifest (folds kept).</summary>
public static class PaperCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(IReporter reporter)
    {
        var tables = DataOptions.Tables();
        var output = DataOptions.RequiredOut("Folder to write esrl/manifest.csv and mg/manifest.csv into (created if needed).");
        var command = new Command("paper",
            "Convert the CzSL paper's tables (GZ1_Expert-{ESRL,MG}_test_{1..5}.csv, checked against SHA256SUMS) to two " +
            "image-less manifests with the paper's folds.")
        {
            tables, output,
        };
        command.SetAction((parse, cancel) => CommandRunner.Run(reporter, parse, async () =>
        {
            var options = new PaperManifestOptions(DataInputs.Folder(parse.GetValue(tables), "--tables"),
                parse.GetValue(output)!.FullName, VerifyChecksums: true);
            using var locks = OutputLocks.Acquire(reporter, parse.GetValue(output)!.FullName);
            var result = await reporter.Step("Reading the paper's tables (checksums verified)", _ => PaperManifestExport.Run(options));
            reporter.Table("Paper manifests", ["table", "galaxies", "manifest"],
            [
                ["ESRL (ES, ERL)", result.EsrlCount.ToString("N0"), result.EsrlManifest],
                ["MG", result.MgCount.ToString("N0"), result.MgManifest],
            ]);
            reporter.Success($"wrote {result.EsrlCount:N0} ESRL and {result.MgCount:N0} MG galaxies → {Path.GetDirectoryName(result.EsrlManifest)}, {Path.GetDirectoryName(result.MgManifest)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
