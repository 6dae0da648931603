namespace Pidman.Supervision;

/// <summary>What the supervisor knows of one instance, for <c>status</c>.</summary>
/// <param name="Service">The service.</param>
/// <param name="Type">Its PID type.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Health">Its health check's verdict.</param>
/// <param name="Restarts">Restarts in the current run of restarts.</param>
/// <param name="Pid">Its PID while it runs.</param>
/// <param name="LastExitCode">How its last run ended.</param>
public sealed record InstanceReport(string Service, string Type, InstanceState State, HealthState Health, int Restarts, int? Pid, int? LastExitCode)
{
    /// <summary>Work in flight, e.g. <c>stopping (SIGTERM sent 4 s ago, SIGKILL in 11 s)</c>, <c>starting</c>, <c>restarting in 2 s</c>.</summary>
    public string? Activity { get; init; }

    /// <summary>How long its current run has lasted, while it runs.</summary>
    public TimeSpan? RunningFor { get; init; }
}
