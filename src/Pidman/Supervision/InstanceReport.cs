using Pidman.Os;

namespace Pidman.Supervision;

/// <summary>What the supervisor knows of one instance, for <c>status</c>: facts only; the CLI words them.</summary>
public sealed record InstanceReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal InstanceReport(string service, string type, InstanceState state, HealthState health, int restarts, int? pid, int? lastExitCode)
    {
        Service = service;
        Type = type;
        State = state;
        Health = health;
        Restarts = restarts;
        Pid = pid;
        LastExitCode = lastExitCode;
    }

    /// <summary>The service.</summary>
    public string Service { get; init; }

    /// <summary>Its PID type.</summary>
    public string Type { get; init; }

    /// <summary>Where it is in its life.</summary>
    public InstanceState State { get; init; }

    /// <summary>Its health check's verdict.</summary>
    public HealthState Health { get; init; }

    /// <summary>Restarts in the current run of restarts.</summary>
    public int Restarts { get; init; }

    /// <summary>Its PID while it runs.</summary>
    public int? Pid { get; init; }

    /// <summary>How its last run ended.</summary>
    public int? LastExitCode { get; init; }

    /// <summary>A stop under way: what was sent, how long ago, and when SIGKILL follows.</summary>
    public StopInFlight? Stopping { get; init; }

    /// <summary>While it is <see cref="InstanceState.Restarting"/>: how long until its next start.</summary>
    public TimeSpan? RestartIn { get; init; }

    /// <summary>How long its current run has lasted, while it runs.</summary>
    public TimeSpan? RunningFor { get; init; }
}

/// <summary>A stop the supervisor has under way.</summary>
public sealed record StopInFlight
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StopInFlight(Signal signal, TimeSpan sentAgo, TimeSpan? killIn)
    {
        Signal = signal;
        SentAgo = sentAgo;
        KillIn = killIn;
    }

    /// <summary>The signal sent (<see cref="Os.Signal.SIGKILL"/> for a forced stop).</summary>
    public Signal Signal { get; init; }

    /// <summary>How long ago it was sent.</summary>
    public TimeSpan SentAgo { get; init; }

    /// <summary>How long until SIGKILL follows (zero or less: it has been sent); null when none follows (a forced stop).</summary>
    public TimeSpan? KillIn { get; init; }
}
