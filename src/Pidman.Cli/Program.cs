using System.CommandLine;
using Pidman.Cli;

// The line stamper between a service and its log runs as this executable too; it needs none of the verbs' set-up.
if (args is [Pidman.Processes.LineStamper.Verb, ..]) return Pidman.Processes.LineStamper.Run(args);
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
    // An unknown verb gets a suggestion ('stat' -> 'status'), as an unknown service does.
    var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
    if (args.FirstOrDefault(a => !a.StartsWith('-')) is { } first && parse.CommandResult.Command == root && !verbs.Contains(first)
        && Pidman.Services.ServiceNames.Closest(first, verbs) is { } verb)
        Output.Error($"unknown command '{first}' (did you mean '{verb}'?)");
    foreach (var error in parse.Errors) Output.Error(error.Message);
    Output.Error("run 'pidman --help' for usage");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync().ConfigureAwait(false);
