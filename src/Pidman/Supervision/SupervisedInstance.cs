using Pidman.Services;
using Pidman.PidFiles;

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
    /// <summary>Health failed under restart = always: the exit that follows is a restart.</summary>
    public bool RestartRequested { get; set; }
    public bool ProbeRunning { get; set; }
    public DateTime NextProbeAt { get; set; }
    public int HealthFailures { get; set; }

    public InstanceReport Report() => new(Definition.Name, Type, State, Health, Restarts, State == InstanceState.Running ? Pid : null, LastExitCode);
}
