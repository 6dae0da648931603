using System.CommandLine;
using Pidman.Cli;

var root = Cli.CreateRoot();
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Output.Error(error.Message);
    Output.Error("run 'pidman --help' for usage");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync().ConfigureAwait(false);
