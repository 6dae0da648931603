using Pidman.Containment;
using Pidman.Os;

namespace Pidman.PidFiles;

/// <summary>Every live process of a service instance that pidman started: its cgroup's members, or its process group's.</summary>
internal static class InstanceProcesses
{
    /// <summary>
    /// The live processes of the instance <paramref name="record"/> describes (empty for one pidman did not start);
    /// <paramref name="main"/>, the main process's stat when already read, is not read again.
    /// </summary>
    internal static IReadOnlyList<ProcStat> Live(IdentityRecord record, ProcessGroups groups, ProcStat? main = null) => record.Tracking switch
    {
        Tracking.Cgroup => ServiceCgroup.At(record.Cgroup) is { } cgroup
            ? cgroup.MemberPids().Select(pid => main is not null && pid == main.Pid ? main : ProcFs.TryReadStat(pid, out var s) ? s : null)
                .Where(s => s is { HasExited: false }).OfType<ProcStat>().ToList()
            : [],
        Tracking.Group => groups.Members(record.Pid),
        _ => [],
    };

    /// <summary>The cgroup of the instance, when it has one.</summary>
    internal static ServiceCgroup? Cgroup(IdentityRecord? record) =>
        record is { Tracking: Tracking.Cgroup } ? ServiceCgroup.At(record.Cgroup) : null;
}
