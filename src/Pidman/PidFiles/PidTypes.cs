using System.Globalization;

namespace Pidman.PidFiles;

/// <summary>The PID types pidman itself writes, and the names that go with them: one place for each spelling.</summary>
public static class PidTypes
{
    /// <summary>A service's main process: <c>&lt;service&gt;.pid</c>.</summary>
    public const string Process = "process";

    /// <summary>The tmux server that hosts a tmux-mode service: <c>tmux_&lt;service&gt;.pid</c>.</summary>
    public const string Tmux = "tmux";

    /// <summary>The supervisor's own file: <c>supervisor_pidman.pid</c>.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>The service name the supervisor registers under.</summary>
    internal const string SupervisorService = "pidman";

    /// <summary>Instance N of a scaled service is type <c>workerN</c>.</summary>
    public const string WorkerPrefix = "worker";

    /// <summary>The type of instance <paramref name="instance"/> (1-based) of a service with <paramref name="scale"/> instances.</summary>
    internal static string ForInstance(int instance, int scale) =>
        scale <= 1 ? Process : WorkerPrefix + instance.ToString(CultureInfo.InvariantCulture);

    /// <summary>The 1-based instance number of <paramref name="type"/>: 1 for <c>process</c>, N for <c>workerN</c>.</summary>
    internal static int InstanceNumber(string type) =>
        type.StartsWith(WorkerPrefix, StringComparison.Ordinal) && int.TryParse(type.AsSpan(WorkerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 1;

    /// <summary>True for the supervisor's own PID file.</summary>
    internal static bool IsSupervisor(string service, string type) => service == SupervisorService && type == PidTypes.Supervisor;

    /// <summary>
    /// True when a service named <paramref name="service"/> would have a PID file pidman keeps for itself
    /// (<c>supervisor_pidman.pid</c>, the supervisor's): <c>up -d</c> and <c>down</c> would take it for the supervisor.
    /// </summary>
    internal static bool IsReservedService(string service) => service == $"{Supervisor}_{SupervisorService}";
}
