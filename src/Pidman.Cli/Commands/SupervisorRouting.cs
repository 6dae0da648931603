using Pidman.Cli.Config;
using Pidman.Supervision;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary>While a supervisor runs, start/stop/restart go through its control socket and status adds its view.</summary>
internal static class SupervisorRouting
{
    /// <summary>Sends <paramref name="request"/> and prints the reply; null when no supervisor runs (the caller acts itself).</summary>
    public static async Task<int?> SendAsync(ProjectContext project, ControlRequest request, Output output, CancellationToken cancellationToken)
    {
        // SendAsync answers null when no supervisor runs: then the caller acts itself.
        var reply = await SupervisorClient.SendAsync(project.Pids, request, cancellationToken).ConfigureAwait(false);
        if (reply is null) return null;
        foreach (var line in reply.Lines)
        {
            if (reply.ExitCode == 0) output.Line(line);
            else Output.Error(line);
        }
        return reply.ExitCode;
    }

    /// <summary>Adds health, restarts and the supervisor's state to <paramref name="entries"/> when a supervisor runs.</summary>
    public static async Task<IReadOnlyList<PidEntry>> WithSupervisorViewAsync(ProjectContext project, IReadOnlyList<PidEntry> entries, CancellationToken cancellationToken)
    {
        var reply = await SupervisorClient.SendAsync(project.Pids, new ControlRequest("status", []), cancellationToken).ConfigureAwait(false);
        if (reply is null) return entries;
        return entries.Select(e =>
        {
            var i = reply.Instances.FirstOrDefault(i => i.Service == e.Service && i.Type == e.Type);
            if (i is null) return e;
            string? state = i.State is InstanceState.Running ? null : $"supervisor: {i.State.ToString().ToLowerInvariant()}{(i.LastExitCode is int c ? $", last exit code {c}" : "")}";
            return e with
            {
                Health = i.Health == HealthState.None ? null : i.Health.ToString().ToLowerInvariant(),
                Restarts = i.Restarts,
                Detail = state is null ? e.Detail : e.Detail is null ? state : $"{e.Detail}; {state}",
            };
        }).ToList();
    }
}
