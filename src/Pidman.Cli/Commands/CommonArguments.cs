using System.CommandLine;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary>Arguments and options shared by several verbs.</summary>
internal static class CommonArguments
{
    public static Argument<string[]> Services(string description) => new("SERVICE") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Argument<string> Service(string description) => new("SERVICE") { Description = description };

    public static Option<string> Type() => new("--type", "-t")
    {
        Description = "PID type: process (default), tmux, workerN, ... → file <type>_<service>.pid",
        DefaultValueFactory = _ => PidFileName.DefaultType,
    };
}
