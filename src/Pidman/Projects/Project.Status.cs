using Pidman.Config;
using Pidman.PidFiles;
using Pidman.Supervision;
using Pidman.Tmux;

namespace Pidman.Projects;

public sealed partial class Project
{
    /// <summary>
    /// Every PID file and config instance (only <paramref name="names"/> when given), each with its tmux window, the
    /// supervisor's view when one runs, and the ports it listens on when <paramref name="ports"/> (it costs a read of every
    /// running instance's open files, so only when asked).
    /// </summary>
    /// <returns>The PID directory and one row per instance: config services first, in file order, then other PID files.</returns>
    /// <exception cref="Exceptions.PidmanInputException">A name is no service here.</exception>
    public async Task<StatusReport> StatusAsync(IReadOnlyList<string> names, bool ports = false, CancellationToken cancellationToken = default)
    {
        RequireKnown(names);
        ReportDeadSupervisor();
        var all = Services.GetStatus(names);
        IReadOnlyList<InstanceReport> supervised = [];
        try
        {
            if (await SupervisorClient.SendAsync(Pids, new ControlRequest(ControlCommand.Status, []), cancellationToken: cancellationToken).ConfigureAwait(false) is { } reply)
                supervised = reply.Instances;
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
        var bySupervisor = supervised.ToDictionary(i => (i.Service, i.Type));
        var windowOf = TmuxWindows();
        var listening = ports ? Pids.PortsOf(entries) : null;
        var rows = entries.Select((e, i) => new StatusRow(e)
        {
            Window = windowOf(e),
            Supervised = bySupervisor.GetValueOrDefault((e.Service, e.Type)),
            Ports = listening?[i],
        }).ToList();
        return new StatusReport(Pids.Directory.Path, rows);
    }

    /// <summary>
    /// The window of an entry that is one of a tmux service's instances (not its <c>tmux</c> PID file, the server's own), as
    /// the project's tmux session has it now; tmux is asked once, and only when the config has a tmux service.
    /// </summary>
    private Func<PidEntry, TmuxWindowStatus?> TmuxWindows()
    {
        if (Config is not { } config || !config.Services.Any(s => s.Mode == ServiceMode.Tmux)) return _ => null;
        var open = TmuxServer.Executable is not null ? Services.TmuxServer.WindowNames().ToHashSet(StringComparer.Ordinal) : [];
        return e =>
        {
            if (e.Type == PidTypes.Tmux || config.Find(e.Service) is not { Mode: ServiceMode.Tmux } service || !service.InstanceTypes.Contains(e.Type)) return null;
            string name = PidFileName.Create(e.Service, e.Type).Stem;
            return new TmuxWindowStatus(name, open.Contains(name));
        };
    }
}
