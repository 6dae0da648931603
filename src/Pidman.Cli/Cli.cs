using System.CommandLine;
using System.CommandLine.Parsing;
using System.Reflection;
using Pidman.Cli.Commands;
using Pidman.Exceptions;

namespace Pidman.Cli;

/// <summary>
/// The command tree, its one parse, and the one place where errors become messages and exit codes: a usage error is one
/// line and exit 2, whatever was typed; no input reaches an unhandled exception, and no stack trace reaches the user.
/// </summary>
internal static class Cli
{
    /// <summary>No response files (<c>@file</c> would read any file into the arguments) and no bundles of short options.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    /// <summary>Every verb, by name, in the order the help lists them: built only when asked for.</summary>
    private static readonly (string Name, Func<RootCommand, Command> Create)[] Verbs =
    [
        ("status", _ => StatusCommand.Create()),
        ("start", _ => StartCommand.Create()),
        ("restart", _ => StartCommand.CreateRestart()),
        ("up", _ => UpCommand.Create()),
        ("down", _ => DownCommand.Create()),
        ("reload", _ => ReloadCommand.Create()),
        ("list", _ => ListCommand.Create()),
        ("pid", _ => PidCommand.Create()),
        ("register", _ => RegisterCommand.Create()),
        ("unregister", _ => RegisterCommand.CreateUnregister()),
        ("stop", _ => StopCommand.Create()),
        ("signal", _ => SignalCommand.Create()),
        ("run", _ => RunCommand.Create()),
        ("logs", _ => LogsCommand.Create()),
        ("attach", _ => AttachCommand.Create()),
        ("cleanup", _ => CleanupCommand.Create()),
        ("init", _ => InitCommand.Create()),
        ("export", _ => ExportCommand.Create()),
        ("completion", root => CompletionCommand.Create(root)),
        (CompletionCommand.ServicesVerb, _ => CompletionCommand.CreateServices()),
        ("help", root => HelpCommand.Create(root)),
    ];

    /// <summary>The whole command tree.</summary>
    public static RootCommand CreateRoot() => CreateRoot(verbs: null);

    /// <summary>
    /// The command tree with only <paramref name="verbs"/> (all when null): a command builds the verb it runs and no other
    /// (the tree of twenty verbs was a fifth of a short command's start-up). The verbs that speak of the others - help,
    /// completion - and a word that is no verb (for its "did you mean") get them all.
    /// </summary>
    private static RootCommand CreateRoot(IReadOnlyCollection<string>? verbs)
    {
        var root = new RootCommand("pidman - centralized PID management for multi-process applications");
        root.Directives.Clear(); // [suggest], [diagram], [env:...]: a process manager has no use for them
        GlobalOptions.AddTo(root);
        foreach (var (name, create) in Verbs)
            if (verbs is null || verbs.Contains(name)) root.Subcommands.Add(create(root));
        GlobalOptions.AddProjectFileOptions(root);
        GlobalOptions.RefuseJsonWhereThereIsNone(root);
        return root;
    }

    /// <summary>The verbs a command line needs built: its verb alone when it names one that needs no other, else all (null).</summary>
    private static IReadOnlyCollection<string>? VerbsFor(string[] args)
    {
        // The first word that is no option (global options before the verb take a value, or come as --name=value).
        string[] valued = ["--dir", "--root", "--file", "-f", "--env-file", "-e", "--port", "-p", "--formation", "-m", "-c"];
        for (int i = 0; i < args.Length; i++)
        {
            if (valued.Contains(args[i])) { i++; continue; }
            if (args[i].StartsWith('-')) continue;
            return Verbs.Any(v => v.Name == args[i]) && args[i] is not ("help" or "completion") ? [args[i]] : null;
        }
        return null; // the usage of all
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb; a usage error is one line and exit 2.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        // --version alone needs no command tree and no parse, which were most of its start-up: the informational version
        // (1.0.0+COMMIT) that System.CommandLine's --version prints, without them.
        if (args is ["--version"])
        {
            Console.Out.WriteLine(typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            return ExitCodes.Ok;
        }
        try
        {
            var root = CreateRoot(VerbsFor(args));
            if (args.Length == 0)
            {
                // No verb: the usage, rather than a bare "Required command was not provided".
                await root.Parse(["--help"], Parsing).InvokeAsync().ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            args = RunCommand.PassThrough(root, args);
            var parse = root.Parse(args, Parsing);
            if (UsageErrors.Describe(root, parse, args) is { } problem)
            {
                Output.Error(problem);
                return ExitCodes.Usage;
            }
            return await parse.InvokeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The last resort: whatever escaped a verb's own handling is one line, never a trace.
            return Report(e);
        }
    }

    /// <summary>Parses <paramref name="args"/> as this binary would: for tests of the command tree.</summary>
    internal static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) => root.Parse(args, Parsing);

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    private static int Report(Exception e)
    {
        switch (e)
        {
            case PidmanInputException input:
                Output.Error(input.Message);
                return ExitCodes.Usage;
            case PidmanException known:
                Output.Error(known.Message);
                return ExitCodes.Failure;
            case IOException or UnauthorizedAccessException:
                Output.Error(e.Message);
                return ExitCodes.Failure;
            case OperationCanceledException:
                Output.Error("cancelled");
                return ExitCodes.Failure;
            default:
                Output.Error($"internal error: {e.GetType().Name}: {e.Message}");
                return ExitCodes.Failure;
        }
    }
}
