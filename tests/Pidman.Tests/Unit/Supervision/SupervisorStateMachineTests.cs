using Pidman.Config;
using Pidman.Logs;
using Pidman.Services;
using Pidman.Supervision;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.Unit.Supervision;

/// <summary>The supervisor's rules, on a fake clock: no process runs and no real time passes.</summary>
public sealed class SupervisorStateMachineTests
{
    private readonly FakeClock _clock = new();
    private readonly List<string> _events = [];
    private readonly List<(string Event, RunNews News)> _news = [];

    private static ServiceDefinition Service(string name, RestartPolicy restart = RestartPolicy.No, int maxRestarts = 5, HealthCheck? health = null, params (string Name, DependencyCondition Condition)[] dependsOn) => new()
    {
        Name = name,
        Command = "x",
        WorkingDirectory = "/",
        Restart = restart,
        MaxRestarts = maxRestarts,
        Health = health,
        DependsOn = dependsOn.ToDictionary(d => d.Name, d => d.Condition),
    };

    private SupervisorStateMachine Machine(params ServiceDefinition[] services) =>
        new(services.Select(s => new SupervisedInstance(s, "process")).ToList(), _clock, (source, text, kind) =>
        {
            _events.Add($"{source}: {text}");
            _news.Add(($"{source}: {text}", kind));
        });

    private static StartOutcome Started(SupervisedInstance i, int pid) => new(i.Definition.Name, i.Type, StartStatus.Started, StartFinding.Started, pid);

    private static readonly HealthCheck Http = new(new HttpTarget("http://127.0.0.1:1/")) { Retries = 2, StartPeriod = TimeSpan.FromSeconds(5) };

    [Fact]
    public void Restart_delays_double_from_one_second_to_a_thirty_second_cap()
    {
        var machine = Machine(Service("web", RestartPolicy.Always, maxRestarts: 10));
        var web = machine.Instances[0];
        var delays = new List<double>();
        for (int run = 0; run < 8; run++)
        {
            Assert.Equal([web], machine.DueToStart());
            machine.OnStarted(web, Started(web, 100 + run), isChild: true);
            machine.OnExit(web, 1);
            Assert.Equal(InstanceState.Restarting, web.State);
            var delay = web.NextStartAt - _clock.GetUtcNow().UtcDateTime;
            delays.Add(delay.TotalSeconds);
            _clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Empty(machine.DueToStart()); // not a millisecond early
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_run_of_sixty_seconds_resets_the_restart_count()
    {
        var machine = Machine(Service("web", RestartPolicy.OnFailure));
        var web = machine.Instances[0];
        for (int i = 0; i < 3; i++)
        {
            machine.OnStarted(web, Started(web, 100 + i), isChild: true);
            machine.OnExit(web, 1);
            _clock.Advance(web.NextStartAt - _clock.GetUtcNow().UtcDateTime);
        }
        Assert.Equal(3, web.Restarts);

        machine.OnStarted(web, Started(web, 200), isChild: true);
        _clock.Advance(RestartBackoff.ResetAfter);
        machine.OnExit(web, 1);
        Assert.Equal(1, web.Restarts);
        Assert.Equal(TimeSpan.FromSeconds(1), web.NextStartAt - _clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public void A_service_is_failed_after_max_restarts_and_the_others_go_on()
    {
        var machine = Machine(Service("web", RestartPolicy.Always, maxRestarts: 2), Service("worker"));
        var (web, worker) = (machine.Instances[0], machine.Instances[1]);
        machine.OnStarted(worker, Started(worker, 50), isChild: true);
        for (int i = 0; i < 3; i++)
        {
            machine.OnStarted(web, Started(web, 100 + i), isChild: true);
            machine.OnExit(web, 3);
            if (web.State == InstanceState.Restarting) _clock.Advance(web.NextStartAt - _clock.GetUtcNow().UtcDateTime);
        }
        Assert.Equal(InstanceState.Failed, web.State);
        Assert.Contains("web: exited with code 3; failed after 2 restarts", _events);
        Assert.Equal(InstanceState.Running, worker.State);
        Assert.Empty(machine.DueToStart());
    }

    [Fact]
    public void Every_event_says_what_it_tells_of_its_run()
    {
        // The foreground stream prints a start's result before the run's lines and an ended run's event after them; a
        // probe's result is printed when it comes.
        var machine = Machine(Service("web", RestartPolicy.Always, maxRestarts: 1, health: Http), Service("job"), Service("cron"), Service("db"));
        var (web, job, cron, db) = (machine.Instances[0], machine.Instances[1], machine.Instances[2], machine.Instances[3]);
        machine.OnStarted(web, Started(web, 100), isChild: true);
        machine.OnProbe(web, 100, ok: true);
        machine.OnExit(web, 3);
        _clock.Advance(web.NextStartAt - _clock.GetUtcNow().UtcDateTime);
        machine.OnStarted(web, Started(web, 101), isChild: true);
        machine.OnExit(web, 137);
        machine.OnStarted(job, Started(job, 200), isChild: true);
        machine.OnStopped(job, 0, "stopped");
        machine.OnStarted(cron, new StartOutcome("cron", cron.Type, StartStatus.Failed, StartFinding.ExitedAtStart, 300) { ExitCode = 2 }, isChild: true);
        machine.OnStarted(db, new StartOutcome("db", db.Type, StartStatus.Failed, StartFinding.Error, null) { Detail = "permission denied" }, isChild: true);
        Assert.Equal(
        [
            ("web: started (PID 100)", RunNews.Started), ("web: healthy", RunNews.Note),
            ("web: exited with code 3; restarting in 1 s (restart 1 of 1)", RunNews.Ended),
            ("web: started (PID 101)", RunNews.Started), ("web: was killed by signal 9; failed after 1 restarts", RunNews.Ended),
            ("job: started (PID 200)", RunNews.Started), ("job: stopped", RunNews.Ended),
            ("cron: started (PID 300)", RunNews.Started), ("cron: exited with code 2", RunNews.Ended), // it ran, however briefly
            ("db: failed to start: permission denied", RunNews.Started),
        ], _news);
    }

    [Fact]
    public void Exit_zero_is_no_failure_under_on_failure()
    {
        var machine = Machine(Service("job", RestartPolicy.OnFailure));
        var job = machine.Instances[0];
        machine.OnStarted(job, Started(job, 10), isChild: true);
        machine.OnExit(job, 0);
        Assert.Equal(InstanceState.Completed, job.State);
    }

    [Fact]
    public void A_dependent_waits_until_its_healthy_dependency_passes_a_check()
    {
        var machine = Machine(Service("db", health: Http), Service("web", dependsOn: ("db", DependencyCondition.Healthy)));
        var (db, web) = (machine.Instances[0], machine.Instances[1]);
        Assert.Equal([db], machine.DueToStart());
        machine.OnStarted(db, Started(db, 10), isChild: true);
        Assert.Equal(HealthState.Starting, db.Health);
        Assert.Empty(machine.DueToStart());
        Assert.Equal([db], machine.DueForProbe());

        machine.OnProbe(db, 10, ok: false);
        Assert.Empty(machine.DueToStart());
        machine.OnProbe(db, 10, ok: true);
        Assert.Equal(HealthState.Healthy, db.Health);
        Assert.Equal([web], machine.DueToStart());
    }

    [Fact]
    public void A_dependent_waits_for_a_completed_job_and_fails_with_it()
    {
        var good = Machine(Service("migrate"), Service("web", dependsOn: ("migrate", DependencyCondition.Completed)));
        var (migrate, web) = (good.Instances[0], good.Instances[1]);
        good.OnStarted(migrate, Started(migrate, 10), isChild: true);
        Assert.Empty(good.DueToStart());
        good.OnExit(migrate, 0);
        Assert.Equal([web], good.DueToStart());

        var bad = Machine(Service("migrate"), Service("web", dependsOn: ("migrate", DependencyCondition.Completed)));
        (migrate, web) = (bad.Instances[0], bad.Instances[1]);
        bad.OnStarted(migrate, Started(migrate, 10), isChild: true);
        bad.OnExit(migrate, 2);
        Assert.Empty(bad.DueToStart());
        Assert.Equal(InstanceState.Failed, web.State);
        Assert.Contains("web: not started: dependency migrate failed", _events);
    }

    [Fact]
    public void A_job_that_completed_before_its_pid_file_was_written_satisfies_completed()
    {
        var machine = Machine(Service("migrate"), Service("web", dependsOn: ("migrate", DependencyCondition.Completed)));
        var (migrate, web) = (machine.Instances[0], machine.Instances[1]);
        machine.OnStarted(migrate, new StartOutcome("migrate", "process", StartStatus.Completed, StartFinding.Completed, 10), isChild: false);
        Assert.Equal(InstanceState.Completed, migrate.State);
        Assert.Equal([web], machine.DueToStart());
    }

    [Theory]
    [InlineData(nameof(RestartPolicy.Always), true)]
    [InlineData(nameof(RestartPolicy.OnFailure), false)]
    public void Unhealthy_asks_for_a_restart_only_under_always(string policy, bool restart)
    {
        var machine = Machine(Service("web", Enum.Parse<RestartPolicy>(policy), health: Http));
        var web = machine.Instances[0];
        machine.OnStarted(web, Started(web, 10), isChild: true);
        Assert.False(machine.OnProbe(web, 10, ok: false)); // within start_period: not counted
        _clock.Advance(Http.StartPeriod);
        Assert.False(machine.OnProbe(web, 10, ok: false)); // 1 of 2 retries
        Assert.Equal(restart, machine.OnProbe(web, 10, ok: false));
        Assert.Equal(HealthState.Unhealthy, web.Health);
        Assert.False(machine.OnProbe(web, 10, ok: false)); // asked once, not again
        if (!restart) return;
        machine.OnExit(web, 143);
        Assert.Equal(InstanceState.Restarting, web.State);
    }

    [Fact]
    public void A_probe_of_an_earlier_run_is_ignored()
    {
        var machine = Machine(Service("web", RestartPolicy.Always, health: Http with { StartPeriod = TimeSpan.Zero, Retries = 1 }));
        var web = machine.Instances[0];
        machine.OnStarted(web, Started(web, 20), isChild: true);
        Assert.False(machine.OnProbe(web, 10, ok: false));
        Assert.Equal(HealthState.Starting, web.Health);
    }

    [Fact]
    public void An_intended_stop_is_not_a_crash()
    {
        var machine = Machine(Service("web", RestartPolicy.Always));
        var web = machine.Instances[0];
        machine.OnStarted(web, Started(web, 10), isChild: true);
        machine.OnStopAsked(web, Pidman.Os.Signal.SIGTERM, TimeSpan.FromSeconds(10));
        machine.OnExit(web, 143);
        machine.OnStopped(web, 143, "stopped on request; it stays stopped");
        Assert.Equal(InstanceState.Stopped, web.State);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(machine.DueToStart());
    }

    [Fact]
    public void A_stop_asked_for_while_a_start_is_in_flight_holds_for_the_run_it_started()
    {
        var machine = Machine(Service("web", RestartPolicy.Always));
        var web = machine.Instances[0];
        machine.OnStarting(web);
        machine.OnStopAsked(web, Pidman.Os.Signal.SIGTERM, TimeSpan.FromSeconds(10));
        machine.OnStarted(web, Started(web, 10), isChild: true);
        Assert.True(web.Stopping);
        machine.OnExit(web, 143); // the stop's own exit: no restart
        Assert.NotEqual(InstanceState.Restarting, web.State);
        machine.OnStopped(web, 143, "stopped on request; it stays stopped");
        Assert.Equal(InstanceState.Stopped, web.State);
        Assert.Null(web.Report(machine.Now).Stopping);
    }

    [Fact]
    public void A_stop_that_ended_does_not_carry_into_the_next_start()
    {
        var machine = Machine(Service("web", RestartPolicy.Always));
        var web = machine.Instances[0];
        machine.OnStarted(web, Started(web, 10), isChild: true);
        machine.OnStopAsked(web, Pidman.Os.Signal.SIGTERM, TimeSpan.FromSeconds(10));
        Assert.Equal(Pidman.Os.Signal.SIGTERM, web.Report(machine.Now).Stopping?.Signal);
        machine.OnStopped(web, 143, "stopped on request; it stays stopped");
        machine.RequestStart([web]);
        Assert.Equal(InstanceState.Pending, web.State);
        machine.OnStarting(web);
        machine.OnStarted(web, Started(web, 11), isChild: true);
        machine.OnExit(web, 1); // a crash of the new run
        Assert.Equal(InstanceState.Restarting, web.State);
    }

    [Fact]
    public void Nothing_falls_due_while_every_service_runs_without_a_health_check()
    {
        var machine = Machine(Service("web", RestartPolicy.Always), Service("worker"));
        foreach (var i in machine.Instances) machine.OnStarted(i, Started(i, 10), isChild: true);
        Assert.Null(machine.NextWakeIn()); // the supervisor sleeps until an exit or a request
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(machine.NextWakeIn());
    }

    [Fact]
    public void The_next_wake_is_the_earliest_restart_or_probe_and_never_negative()
    {
        var machine = Machine(Service("web", RestartPolicy.Always), Service("api", health: Http with { Interval = TimeSpan.FromSeconds(10) }));
        var (web, api) = (machine.Instances[0], machine.Instances[1]);
        machine.OnStarted(api, Started(api, 11), isChild: true);
        Assert.Equal(TimeSpan.Zero, machine.NextWakeIn()); // the first probe is due at once
        Assert.False(machine.OnProbe(api, 11, ok: true));
        Assert.Equal(TimeSpan.FromSeconds(10), machine.NextWakeIn());
        machine.OnStarted(web, Started(web, 10), isChild: true);
        machine.OnExit(web, 1);
        Assert.Equal(TimeSpan.FromSeconds(1), machine.NextWakeIn()); // the restart's backoff ends first
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, machine.NextWakeIn()); // overdue is now, not a negative delay
    }
}
