using Pidman.PidFiles;
using Pidman.Supervision;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>
    /// Every PID file and config instance (only <paramref name="names"/> when given), with health and restarts when a
    /// supervisor runs, and with the ports each listens on when <paramref name="ports"/> (it costs a read of every
    /// running instance's open files, so only when asked).
    /// </summary>
    public async Task<StatusReport> StatusAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default, bool ports = false)
    {
        RequireKnown(names);
        ReportDeadSupervisor();
        var all = Services.GetStatus();
        try
        {
            if (await SupervisorClient.SendAsync(Pids, new ControlRequest(ControlCommand.Status, []), cancellationToken: cancellationToken).ConfigureAwait(false) is { } reply)
                all = WithSupervisorView(all, reply.Instances);
        }
        catch (Exceptions.PidmanException e)
        {
            // The PID files are the truth: status answers from them, and says why the supervisor's view is missing.
            Warn(e.Message);
        }
        var entries = names.Count == 0
            ? all
            : names.SelectMany(name =>
            {
                var mine = all.Where(e => e.Service == name).ToList();
                return mine.Count > 0 ? mine : [PidEntry.NotRunning(Pids.Directory, name, PidTypes.Process)];
            }).ToList();
        return new StatusReport(Pids.Directory.Path, ports ? Pids.WithPorts(entries) : entries);
    }

    private static List<PidEntry> WithSupervisorView(IReadOnlyList<PidEntry> entries, IReadOnlyList<InstanceReport> instances)
    {
        var byInstance = instances.ToDictionary(i => (i.Service, i.Type));
        return entries.Select(e =>
        {
            if (!byInstance.TryGetValue((e.Service, e.Type), out var i)) return e;
            string? state = i.Activity is { } activity ? $"supervisor: {activity}"
                : i.State is InstanceState.Running ? null : $"supervisor: {i.State.ToString().ToLowerInvariant()}{(i.LastExitCode is int c ? $", last exit code {c}" : "")}";
            return e with
            {
                Health = i.Health == HealthState.None || e.State != PidState.Running ? null : i.Health.ToString().ToLowerInvariant(),
                Restarts = i.Restarts,
                Detail = state is null ? e.Detail : e.Detail is null ? state : $"{e.Detail}; {state}",
            };
        }).ToList();
    }
}
