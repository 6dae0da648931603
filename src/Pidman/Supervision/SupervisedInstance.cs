using Pidman.Config;
using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>The supervisor's state machine for one instance of a service.</summary>
internal sealed class SupervisedInstance(ServiceDefinition definition, string type)
{
    public ServiceDefinition Definition { get; } = definition;
    public string Type { get; } = type;
    public PidFileName Name { get; } = PidFileName.Create(definition.Name, type);
    public string Label => Name.Stem;

    public InstanceState State { get; set; } = InstanceState.Pending;
    public HealthState Health { get; set; } = HealthState.None;
    public int? Pid { get; set; }
    /// <summary>Spawned by this supervisor, so waitpid gives its exit code (adopted and tmux instances are watched through /proc).</summary>
    public bool IsChild { get; set; }
    public DateTime StartedAt { get; set; }
    public int Restarts { get; set; }
    public DateTime NextStartAt { get; set; }
    public int? LastExitCode { get; set; }
    /// <summary>An intended stop is under way: its exit is not a crash.</summary>
    public bool Stopping { get; set; }
    /// <summary>When the stop under way began, with which signal, and when SIGKILL follows (for <c>status</c>).</summary>
    public (DateTime At, Signal Signal, DateTime? KillAt)? StopUnderWay { get; set; }
    /// <summary>Health failed under restart = always: the exit that follows is a restart.</summary>
    public bool RestartRequested { get; set; }
    public bool ProbeRunning { get; set; }
    public DateTime NextProbeAt { get; set; }
    public int HealthFailures { get; set; }

    /// <summary>What the supervisor knows of this instance at <paramref name="now"/>.</summary>
    public InstanceReport Report(DateTime now) =>
        new(Definition.Name, Type, State, Health, Restarts, State == InstanceState.Running ? Pid : null, LastExitCode)
        {
            Stopping = StopUnderWay is { } stop ? new StopInFlight(stop.Signal, now - stop.At, stop.KillAt - now) : null,
            RestartIn = State == InstanceState.Restarting ? NextStartAt - now : null,
            RunningFor = State == InstanceState.Running ? now - StartedAt : null,
        };
}
