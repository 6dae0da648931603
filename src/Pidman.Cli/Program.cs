using System.CommandLine;
using Pidman.Cli;

var root = Cli.CreateRoot();
if (args.Length == 0)
{
    // No verb: the usage, rather than a bare "Required command was not provided".
    await root.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);
    return ExitCodes.Usage;
}
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Output.Error(error.Message);
    Output.Error("run 'pidman --help' for usage");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync().ConfigureAwait(false);
