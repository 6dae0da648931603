using System.CommandLine;
using Pidman.Cli.Commands;
using Pidman.Exceptions;

namespace Pidman.Cli;

/// <summary>The command tree and the one place where errors become messages and exit codes; no stack trace reaches the user.</summary>
internal static class Cli
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("pidman - centralized PID management for multi-process applications");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StartCommand.Create());
        root.Subcommands.Add(StartCommand.CreateRestart());
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(UpCommand.CreateDown());
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
        GlobalOptions.AddProjectFileOptions(root);
        GlobalOptions.RefuseJsonWhereThereIsNone(root);
        return root;
    }

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
