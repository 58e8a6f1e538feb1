using System.CommandLine;
using CzSL.Cli.Console;

namespace CzSL.Cli.Commands.Data;

/// <summary>
/// <c>czsl data</c>: the data-preparation verbs — the paper's tables to manifests, joins with image folders,
/// vote calibration, the label-transfer benchmark, GZ1 positions, SDSS cutouts, generic imports and sky crossmatches.
/// </summary>
public static class DataCommand
{
    /// <summary>Builds the verb group, every verb talking to <paramref name="reporter"/>.</summary>
    public static Command Create(IReporter reporter) =>
        new("data", "Prepare real data: the CzSL paper's tables, GZ1 positions, SDSS cutouts, imports, crossmatches, calibration.")
        {
            PaperCommand.Create(reporter),
            JoinCommand.Create(reporter),
            CalibrationCommand.Create(reporter),
            TransferBenchmarkCommand.Create(reporter),
            ActiveBenchmarkCommand.Create(reporter),
            Gz1Command.Create(reporter),
            ImagesCommand.Create(reporter),
            ImportCommand.Create(reporter),
            CrossmatchCommand.Create(reporter),
        };
}
