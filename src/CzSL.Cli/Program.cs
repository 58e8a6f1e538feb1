using System.CommandLine;
using CzSL.Cli;
using CzSL.Cli.Commands;
using CzSL.Cli.Console;

var reporter = new SpectreReporter();
var root = CzslCommand.Create(reporter);
return await root.Parse(args).InvokeAsync();
