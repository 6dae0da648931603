using System.CommandLine;
using Pidman.Cli.Rendering;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman signal SIGNAL SERVICE... [--type T] [--force]</c>: what pm2 sendSignal, overmind kill and supervisorctl signal do.</summary>
internal static class SignalCommand
{
    public static Command Create()
    {
        var signal = new Argument<Signal>("SIGNAL")
        {
            Description = "HUP, SIGHUP, USR1, TERM, ... or a number 1-64",
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (SignalNames.TryParse(text, out var parsed)) return parsed;
                r.AddError($"unknown signal {OptionValues.Shown(text)}: use a name such as HUP or USR1, or a number 1-64");
                return default;
            },
        };
        var services = new Argument<string[]>("SERVICE") { Description = "Services to signal (every instance)", Arity = ArgumentArity.OneOrMore };
        var type = CommonArguments.Type("Only this PID type (default: every type but tmux)", fallback: null);
        var force = new Option<bool>("--force", "-f") { Description = "Also signal unverified PID files that fail the conservative check" };
        var command = new Command("signal", "Send a signal to services' main processes (e.g. HUP to reload); not a stop, no PID file is removed") { signal, services, type, force };
        command.SetAction(result => Cli.Run(() =>
        {
            var results = GlobalOptions.OpenProjectLeniently(result).Signal(result.GetValue(signal), result.GetValue(services) ?? [], result.GetValue(type), result.GetValue(force));
            var output = GlobalOptions.CreateOutput(result);
            if (output.Json)
                JsonOutput.Write(new SignalJson(results.Select(r => new SignalLineJson(r.Service, r.Type, r.Pid, r.Sent, SignalWords.Describe(r))).ToList()), CliJsonContext.Output.SignalJson);
            else
                foreach (var r in results)
                {
                    string line = $"{PidFileName.Describe(r.Service, r.Type)}{(r.Pid is int p ? $" (PID {p})" : "")}: {SignalWords.Describe(r)}";
                    if (r.Sent) output.Line(line); else Output.Error(line);
                }
            return results.All(r => r.Sent) ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
