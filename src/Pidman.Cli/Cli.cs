using System.CommandLine;
using System.CommandLine.Parsing;
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

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("pidman - centralized PID management for multi-process applications");
        root.Directives.Clear(); // [suggest], [diagram], [env:...]: a process manager has no use for them
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StartCommand.Create());
        root.Subcommands.Add(StartCommand.CreateRestart());
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(DownCommand.Create());
        root.Subcommands.Add(ReloadCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(PidCommand.Create());
        root.Subcommands.Add(RegisterCommand.Create());
        root.Subcommands.Add(RegisterCommand.CreateUnregister());
        root.Subcommands.Add(StopCommand.Create());
        root.Subcommands.Add(SignalCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(AttachCommand.Create());
        root.Subcommands.Add(CleanupCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create(root));
        root.Subcommands.Add(CompletionCommand.CreateServices());
        root.Subcommands.Add(HelpCommand.Create(root));
        GlobalOptions.AddProjectFileOptions(root);
        GlobalOptions.RefuseJsonWhereThereIsNone(root);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb; a usage error is one line and exit 2.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        try
        {
            var root = CreateRoot();
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
