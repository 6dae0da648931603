using Pidman.Os;

namespace Pidman.Supervision;

/// <summary>What the supervisor knows of one instance, for <c>status</c>: facts only; the CLI words them.</summary>
/// <param name="Service">The service.</param>
/// <param name="Type">Its PID type.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Health">Its health check's verdict.</param>
/// <param name="Restarts">Restarts in the current run of restarts.</param>
/// <param name="Pid">Its PID while it runs.</param>
/// <param name="LastExitCode">How its last run ended.</param>
public sealed record InstanceReport(string Service, string Type, InstanceState State, HealthState Health, int Restarts, int? Pid, int? LastExitCode)
{
    /// <summary>A stop under way: what was sent, how long ago, and when SIGKILL follows.</summary>
    public StopInFlight? Stopping { get; init; }

    /// <summary>While it is <see cref="InstanceState.Restarting"/>: how long until its next start.</summary>
    public TimeSpan? RestartIn { get; init; }

    /// <summary>How long its current run has lasted, while it runs.</summary>
    public TimeSpan? RunningFor { get; init; }
}

/// <summary>A stop the supervisor has under way.</summary>
/// <param name="Signal">The signal sent (<see cref="Os.Signal.SIGKILL"/> for a forced stop).</param>
/// <param name="SentAgo">How long ago it was sent.</param>
/// <param name="KillIn">How long until SIGKILL follows (zero or less: it has been sent); null when none follows (a forced stop).</param>
public sealed record StopInFlight(Signal Signal, TimeSpan SentAgo, TimeSpan? KillIn);
