using Pidman.Config;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Supervision;

/// <summary>
/// One instance of a service as the supervisor sees it. Everything it holds is read by anyone and changed only by
/// <see cref="SupervisorStateMachine"/>, through the named steps below: each step sets what belongs together (a run's
/// start resets its health and its stop intent at once), so no caller can leave a half-changed instance behind.
/// </summary>
internal sealed class SupervisedInstance(ServiceDefinition definition, string type)
{
    public ServiceDefinition Definition { get; } = definition;
    public string Type { get; } = type;
    public PidFileName Name { get; } = PidFileName.Create(definition.Name, type);
    public string Label => Name.Stem;

    public InstanceState State { get; private set; } = InstanceState.Pending;
    public HealthState Health { get; private set; } = HealthState.None;
    public int? Pid { get; private set; }
    /// <summary>Spawned by this supervisor, so waitpid gives its exit code (adopted and tmux instances are watched through /proc).</summary>
    public bool IsChild { get; private set; }
    public DateTime StartedAt { get; private set; }
    public int Restarts { get; private set; }
    public DateTime NextStartAt { get; private set; }
    public int? LastExitCode { get; private set; }
    /// <summary>An intended stop is under way: its exit is not a crash.</summary>
    public bool Stopping { get; private set; }
    /// <summary>When the stop under way began, with which signal, and when SIGKILL follows (for <c>status</c>).</summary>
    public (DateTime At, Signal Signal, DateTime? KillAt)? StopUnderWay { get; private set; }
    /// <summary>Health failed under restart = always: the exit that follows is a restart.</summary>
    public bool RestartRequested { get; private set; }
    public bool ProbeRunning { get; private set; }
    public DateTime NextProbeAt { get; private set; }
    public int HealthFailures { get; private set; }

    /// <summary>A start was handed to a task: an earlier stop is over, and a stop asked for from now on is for this run.</summary>
    internal void BeginStart()
    {
        State = InstanceState.Starting;
        Stopping = false;
    }

    /// <summary>
    /// A run began at <paramref name="now"/> as <paramref name="pid"/>: its health starts over (probed at once). A stop
    /// asked for while it was starting still holds.
    /// </summary>
    internal void BeginRun(int? pid, bool isChild, DateTime now)
    {
        State = InstanceState.Running;
        Pid = pid;
        IsChild = isChild;
        RestartRequested = false;
        HealthFailures = 0;
        Health = Definition.Health is null ? HealthState.None : HealthState.Starting;
        StartedAt = now;
        NextProbeAt = now;
    }

    /// <summary>Its process exited with <paramref name="code"/> (null: unknown).</summary>
    internal void Exited(int? code) => LastExitCode = code;

    /// <summary>It ran to its end and stays there: completed (exit 0) or exited.</summary>
    internal void Ended(bool completed) => State = completed ? InstanceState.Completed : InstanceState.Exited;

    /// <summary>It cannot run: a start failed, its restarts ran out, or a dependency failed.</summary>
    internal void Fail() => State = InstanceState.Failed;

    /// <summary>One more restart in the current run of restarts (after a fresh count when <paramref name="freshRun"/>); the count.</summary>
    internal int CountRestart(bool freshRun)
    {
        Restarts = freshRun ? 1 : Restarts + 1;
        return Restarts;
    }

    /// <summary>Waits for its next start, at <paramref name="at"/>.</summary>
    internal void RestartAt(DateTime at)
    {
        State = InstanceState.Restarting;
        NextStartAt = at;
    }

    /// <summary>A start of it was asked for: it waits for its dependencies, with a fresh restart count.</summary>
    internal void Pend()
    {
        State = InstanceState.Pending;
        Restarts = 0;
    }

    /// <summary>A probe of it began.</summary>
    internal void BeginProbe() => ProbeRunning = true;

    /// <summary>A probe ended; the next one is due at <paramref name="next"/>.</summary>
    internal void EndProbe(DateTime next)
    {
        ProbeRunning = false;
        NextProbeAt = next;
    }

    /// <summary>A probe passed: healthy, with no failure counted.</summary>
    internal void ProbePassed()
    {
        HealthFailures = 0;
        Health = HealthState.Healthy;
    }

    /// <summary>A probe failed; the failures in a row so far.</summary>
    internal int ProbeFailed() => ++HealthFailures;

    /// <summary>Its probes failed too often; with <paramref name="restart"/>, the exit that follows is a restart.</summary>
    internal void Unhealthy(bool restart)
    {
        Health = HealthState.Unhealthy;
        if (restart) RestartRequested = true;
    }

    /// <summary>An intended stop began at <paramref name="at"/> with <paramref name="signal"/>; SIGKILL follows at <paramref name="killAt"/> (null: none).</summary>
    internal void BeginStop(DateTime at, Signal signal, DateTime? killAt)
    {
        Stopping = true;
        StopUnderWay = (at, signal, killAt);
    }

    /// <summary>An intended stop ended (or it was let go): it stays stopped, and a later exit of its process is no crash.</summary>
    internal void Stopped(int? exitCode)
    {
        Stopping = true;
        LastExitCode = exitCode ?? LastExitCode;
        State = InstanceState.Stopped;
        StopUnderWay = null;
    }

    /// <summary>What the supervisor knows of this instance at <paramref name="now"/>.</summary>
    public InstanceReport Report(DateTime now) =>
        new(Definition.Name, Type, State, Health, Restarts, State == InstanceState.Running ? Pid : null, LastExitCode)
        {
            Stopping = StopUnderWay is { } stop ? new StopInFlight(stop.Signal, now - stop.At, stop.KillAt - now) : null,
            RestartIn = State == InstanceState.Restarting ? NextStartAt - now : null,
            RunningFor = State == InstanceState.Running ? now - StartedAt : null,
        };
}
