using CzSL.Cli;
using CzSL.Cli.Commands;
using CzSL.Cli.Console;

var reporter = new SpectreReporter();
var parse = CzslCommand.Create(reporter).Parse(args);
var code = await parse.InvokeAsync();
// A malformed command line (unknown verb, missing required option) is bad input too, not a failure.
return parse.Errors.Count > 0 ? ExitCodes.BadInput : code;
