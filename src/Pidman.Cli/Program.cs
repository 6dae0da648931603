using Pidman.Cli;

// The line stamper between a service and its log runs as this executable too; it needs none of the verbs' set-up.
if (args is [Pidman.Logs.LineStamper.Verb, ..]) return Pidman.Logs.LineStamper.Run(args);
return await Cli.MainAsync(args).ConfigureAwait(false);
