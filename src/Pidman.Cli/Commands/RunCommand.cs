using System.CommandLine;

namespace Pidman.Cli.Commands;

/// <summary><c>pidman run COMMAND [ARGS...]</c>: one command in the foreground with the project's environment, as <c>foreman run</c>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments (everything after the command is its own, options too)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("run", "Run a command in the foreground with the project's environment (.env or -e files, PORT), as foreman run; exit with its exit code. A service's name runs its command") { commandLine };
        command.SetAction(result => Cli.Run(() =>
            GlobalOptions.OpenProjectLeniently(result).RunInForeground(result.GetValue(commandLine) ?? [], Environment.CurrentDirectory)));
        return command;
    }

    /// <summary>
    /// <paramref name="args"/> with a <c>--</c> put before the command of a <c>run</c> (its first word that is no option of
    /// run's), so that the command's own options (<c>sh -c ...</c>) are never taken for pidman's, as foreman's
    /// <c>stop_on_unknown_option!</c> has it. A <c>--</c> typed there already does the same.
    /// </summary>
    public static string[] PassThrough(RootCommand root, string[] args)
    {
        if (root.Subcommands.FirstOrDefault(c => c.Name == "run") is not { } run) return args;
        int i = Skip(args, 0, UsageErrors.Options(root, root).ToList());
        if (i >= args.Length || args[i] != "run") return args;
        int j = Skip(args, i + 1, UsageErrors.Options(root, run).ToList());
        // A first word that begins with '-' is no program's name: a mistyped option of pidman's, and said so.
        return j >= args.Length || args[j].StartsWith('-') ? args : [.. args[..j], "--", .. args[j..]];
    }

    /// <summary>The index of the first word from <paramref name="i"/> that is none of <paramref name="options"/> (nor a value of one).</summary>
    private static int Skip(string[] args, int i, List<Option> options)
    {
        while (i < args.Length && args[i].StartsWith('-') && args[i] != "--")
        {
            string name = args[i].Split('=')[0];
            var option = options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            if (option is null) return i;
            bool takesValue = option.ValueType != typeof(bool) && !args[i].Contains('=');
            i += takesValue ? 2 : 1;
        }
        return i;
    }
}
