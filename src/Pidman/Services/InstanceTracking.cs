using Pidman.Config;
using Pidman.Containment;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>
/// Decides how a new instance is contained: a cgroup of its own where a cgroup v2 tree is writable here (as root, or
/// in a delegated subtree), else its process group and session. <c>PIDMAN_TRACKING=group</c> forces the fallback.
/// </summary>
internal sealed class InstanceTracking(string root)
{
    /// <summary>Set to <c>group</c> to use process groups even where cgroups would work.</summary>
    public const string Variable = "PIDMAN_TRACKING";

    private readonly Lazy<string?> _projectCgroup = new(() =>
        Environment.GetEnvironmentVariable(Variable) == "group" ? null : ServiceCgroup.ProjectDirectory(ProjectKey.For(root)));

    /// <summary>The tracking of a new instance <paramref name="stem"/>, with its (new, empty) cgroup when it has one.</summary>
    public (Tracking Tracking, ServiceCgroup? Cgroup) ForNewInstance(string stem) =>
        _projectCgroup.Value is { } dir ? (Tracking.Cgroup, ServiceCgroup.Create(dir, stem)) : (Tracking.Group, null);

    /// <summary>
    /// The shell script that runs <paramref name="command"/> inside <paramref name="cgroup"/>: the shell joins it, then
    /// execs, so the service and everything it will start are in the cgroup from their first instruction.
    /// </summary>
    public static string Script(ServiceCommand command, ServiceCgroup? cgroup) =>
        cgroup is null ? command.Script : $"echo $$ > {ShellQuote.Join([cgroup.ProcsFile])} || exit 1; {command.Script}";

    /// <summary>Ends what an instance left behind (its cgroup's or group's processes) and removes its cgroup.</summary>
    public static void EndLeftovers(Launch launch)
    {
        if (launch.Cgroup is { } cgroup)
        {
            cgroup.KillMembers();
            cgroup.TryRemove();
        }
        else
        {
            ChildProcesses.KillGroup(launch.Pid);
        }
    }
}
