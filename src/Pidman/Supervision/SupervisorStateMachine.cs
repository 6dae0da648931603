using Pidman.Config;
using Pidman.Logs;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>
/// The supervisor's decisions, and nothing else: which instance to start when (dependency gating, restart backoff),
/// what an exit or a health result means under the restart policy. It runs no process and reads no clock of its
/// own (<see cref="TimeProvider"/> is injected), so every rule has a fast unit test with a fake clock.
/// </summary>
internal sealed class SupervisorStateMachine(IReadOnlyList<SupervisedInstance> initial, TimeProvider clock, Action<string, string, RunNews> log)
{
    private List<SupervisedInstance> instances = [.. initial];

    /// <summary>Every supervised instance, in start order.</summary>
    public IReadOnlyList<SupervisedInstance> Instances => instances;

    /// <summary>The clock's now.</summary>
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>After a reload: the instances to supervise from now on, in start order.</summary>
    public void Replace(IReadOnlyList<SupervisedInstance> next) => instances = [.. next];

    /// <summary>A start was handed to a task; the instance waits for its outcome. An earlier stop is over: a stop asked for from now on is for this run.</summary>
    public void OnStarting(SupervisedInstance instance) => instance.BeginStart();

    /// <summary>Instances to start now: restarts whose backoff has passed, and pending ones whose dependencies are ready.</summary>
    public List<SupervisedInstance> DueToStart()
    {
        var due = new List<SupervisedInstance>();
        foreach (var i in instances)
        {
            if (i.State == InstanceState.Restarting && Now >= i.NextStartAt) due.Add(i);
            else if (i.State == InstanceState.Pending && DependenciesReady(i)) due.Add(i);
        }
        return due;
    }

    /// <summary>
    /// How long until something falls due of itself, with no event: the earliest restart whose backoff ends, or probe to
    /// run (zero when one is overdue); null when nothing will (everything runs, waits on another instance, or has ended),
    /// so the supervisor can sleep until an event.
    /// </summary>
    public TimeSpan? NextWakeIn()
    {
        DateTime? next = null;
        foreach (var i in instances)
        {
            DateTime? at = i.State == InstanceState.Restarting ? i.NextStartAt
                : i.State == InstanceState.Running && i.Definition.Health is not null && !i.ProbeRunning ? i.NextProbeAt
                : null;
            if (at is not null && (next is null || at < next)) next = at;
        }
        return next is { } due ? TimeSpan.FromTicks(Math.Max(0, (due - Now).Ticks)) : null;
    }

    /// <summary>Running instances with a health check whose next probe is due.</summary>
    public List<SupervisedInstance> DueForProbe() =>
        instances.Where(i => i.State == InstanceState.Running && i.Definition.Health is not null && !i.ProbeRunning && Now >= i.NextProbeAt).ToList();

    /// <summary>
    /// Records how a start ended. A stop asked for while it was in flight holds for the run it started (the supervisor
    /// then stops what it started): its exit is an intended one, never a crash to restart.
    /// </summary>
    public void OnStarted(SupervisedInstance instance, StartOutcome outcome, bool isChild)
    {
        switch (outcome.Status)
        {
            case StartStatus.Started:
                instance.BeginRun(outcome.Pid, isChild, Now);
                log(instance.Label, StartWords.Describe(outcome), RunNews.Started);
                break;
            case StartStatus.AlreadyRunning:
                // A supervisor that was killed left its services running: adopt them, never start duplicates.
                instance.BeginRun(outcome.Pid, isChild: false, Now);
                log(instance.Label, $"adopted (PID {outcome.Pid})", RunNews.Started);
                break;
            case StartStatus.Completed:
                instance.BeginRun(outcome.Pid, isChild, Now);
                OnExit(instance, 0);
                break;
            case StartStatus.Failed when outcome.Pid is not null:
                // It ran and exited during its start: it started (its lines come after that news), and its exit is an
                // exit like any other, under the restart policy.
                instance.BeginRun(outcome.Pid, isChild, Now);
                log(instance.Label, $"started (PID {outcome.Pid})", RunNews.Started);
                OnExit(instance, outcome.ExitCode is -1 ? null : outcome.ExitCode);
                break;
            default:
                instance.Fail();
                log(instance.Label, $"failed to start: {StartWords.Describe(outcome)}", RunNews.Started);
                break;
        }
    }

    /// <summary>An instance's process has exited with <paramref name="code"/> (null: unknown); restart it per policy, with backoff.</summary>
    public void OnExit(SupervisedInstance i, int? code)
    {
        i.Exited(code);
        if (i.Stopping) return;
        string how = ExitWords.Of(code);
        var policy = i.Definition.Restart;
        bool crashed = code != 0 || i.RestartRequested;
        bool restart = policy == RestartPolicy.Always || (policy == RestartPolicy.OnFailure && crashed);
        if (!restart)
        {
            i.Ended(completed: code == 0);
            log(i.Label, how, RunNews.Ended);
            return;
        }
        int restarts = i.CountRestart(freshRun: Now - i.StartedAt >= RestartBackoff.ResetAfter);
        if (restarts > i.Definition.MaxRestarts)
        {
            i.Fail();
            log(i.Label, $"{how}; failed after {i.Definition.MaxRestarts} restarts", RunNews.Ended);
            return;
        }
        var delay = RestartBackoff.Delay(restarts);
        i.RestartAt(Now + delay);
        log(i.Label, $"{how}; restarting in {delay.TotalSeconds:0.#} s (restart {restarts} of {i.Definition.MaxRestarts})", RunNews.Ended);
    }

    /// <summary>A probe of <paramref name="pid"/> ended; true when the instance must now be stopped so that it restarts (unhealthy under <c>always</c>).</summary>
    public bool OnProbe(SupervisedInstance i, int pid, bool ok)
    {
        var check = i.Definition.Health!;
        i.EndProbe(Now + check.Interval);
        if (i.State != InstanceState.Running || i.Pid != pid) return false;
        if (ok)
        {
            if (i.Health != HealthState.Healthy) log(i.Label, "healthy", RunNews.Note);
            i.ProbePassed();
            return false;
        }
        if (Now - i.StartedAt < check.StartPeriod) return false;
        int failures = i.ProbeFailed();
        if (failures < check.Retries || i.Health == HealthState.Unhealthy) return false;
        bool restart = i.Definition.Restart == RestartPolicy.Always && !i.RestartRequested;
        i.Unhealthy(restart);
        log(i.Label, $"unhealthy ({failures} checks failed)", RunNews.Note);
        return restart;
    }

    /// <summary>Starts of <paramref name="selected"/> were asked for: those not running become pending, with a fresh restart count.</summary>
    public void RequestStart(IEnumerable<SupervisedInstance> selected)
    {
        foreach (var i in selected.Where(i => i.State is not (InstanceState.Running or InstanceState.Starting))) i.Pend();
    }

    /// <summary>A probe of <paramref name="instance"/> was handed to a task; its result comes back as <see cref="OnProbe"/>.</summary>
    public void OnProbeStarted(SupervisedInstance instance) => instance.BeginProbe();

    /// <summary>
    /// An intended stop of <paramref name="instance"/> began with <paramref name="signal"/> (SIGKILL follows after
    /// <paramref name="timeout"/>; null: at once, or none): from now on its exit is not a crash, and status shows the stop.
    /// </summary>
    public void OnStopAsked(SupervisedInstance instance, Os.Signal signal, TimeSpan? timeout) => instance.BeginStop(Now, signal, Now + timeout);

    /// <summary>An intended stop of <paramref name="instance"/> has ended, or the supervisor let it go: it stays stopped.</summary>
    public void OnStopped(SupervisedInstance instance, int? exitCode, string why)
    {
        instance.Stopped(exitCode);
        log(instance.Label, why, RunNews.Ended);
    }

    private bool DependenciesReady(SupervisedInstance instance)
    {
        foreach (var (dep, condition) in instance.Definition.DependsOn)
        {
            var deps = instances.Where(d => d.Definition.Name == dep).ToList();
            if (deps.Count == 0) continue; // not supervised here (not named): nothing to wait for
            if (deps.Any(d => d.State == InstanceState.Failed || (condition == DependencyCondition.Completed && d.State == InstanceState.Exited)))
            {
                instance.Fail();
                log(instance.Label, $"not started: dependency {dep} failed", RunNews.Note);
                return false;
            }
            bool ready = condition switch
            {
                DependencyCondition.Completed => deps.All(d => d.State == InstanceState.Completed),
                DependencyCondition.Healthy => deps.All(d => d.State == InstanceState.Running && (d.Health == HealthState.Healthy || d.Definition.Health is null)),
                _ => deps.All(d => d.State == InstanceState.Running),
            };
            if (!ready) return false;
        }
        return true;
    }
}
