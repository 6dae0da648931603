using Pidman.Config;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>
/// Finds a service process whose starter was killed between the spawn and the PID file write: a live session leader
/// whose environment names this PID directory and the instance. One scan of /proc serves a whole start command.
/// </summary>
internal sealed class OrphanFinder(string pidDirectory)
{
    private List<(int Pid, Dictionary<string, string> Pidman)>? _marked;

    private string Marker => $"{ServiceEnvironment.PidDirectoryVariable}={pidDirectory}";

    /// <summary>Forgets the last scan: the next <see cref="Find"/> reads /proc again.</summary>
    public void Reset() => _marked = null;

    /// <summary>The orphaned process of <paramref name="name"/> started at or after <paramref name="notBefore"/>, or null.</summary>
    public int? Find(PidFileName name, DateTimeOffset notBefore)
    {
        _marked ??= ProcFs.SessionLeadersMarkedWith(Marker);
        foreach (var (pid, vars) in _marked)
        {
            // Another user can start a process with our PIDMAN_* variables: only our own user's processes are adopted.
            if (!IsInstance(vars, name) || !ChildProcesses.IsOurs(pid) || !StartedSince(pid, notBefore)) continue;
            // The scan may be older than this call (the supervisor keeps its controller): confirm it is still that process.
            if (ProcessIdentity.Check(pid, null).State == PidState.Running && ProcFs.ReadPidmanEnvironment(pid, Marker) is { } now && IsInstance(now, name))
                return pid;
        }
        return null;
    }

    /// <summary>
    /// Live children of <paramref name="parent"/> (a supervisor, as subreaper) that belong to instance <paramref name="name"/>
    /// by their environment: descendants of a service that outlived its main process, even after a setsid().
    /// </summary>
    public List<int> ChildrenOf(int parent, PidFileName name) =>
        ProcFs.LiveChildren(parent).Where(pid => ProcFs.ReadPidmanEnvironment(pid, Marker) is { } vars && IsInstance(vars, name)).ToList();

    /// <summary>Started no earlier than <paramref name="notBefore"/> (a second of slack: start times have tick resolution, btime whole seconds).</summary>
    private static bool StartedSince(int pid, DateTimeOffset notBefore) =>
        ProcFs.TryReadStat(pid, out var stat) && ProcFs.StartedAt(stat.StartTimeTicks) >= notBefore.AddSeconds(-1);

    private static bool IsInstance(Dictionary<string, string> vars, PidFileName name) =>
        vars.GetValueOrDefault(ServiceEnvironment.ServiceVariable) == name.Service && vars.GetValueOrDefault(ServiceEnvironment.TypeVariable) == name.Type;
}
