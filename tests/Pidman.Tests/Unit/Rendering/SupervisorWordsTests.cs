using Pidman.Cli.Rendering;
using Pidman.Os;
using Pidman.Projects;
using Pidman.Supervision;

namespace Pidman.Tests.Unit.Rendering;

/// <summary>The supervisor reports facts (a stop in flight, a restart delay, why a wait ended); the CLI words them here.</summary>
public sealed class SupervisorWordsTests
{
    private static InstanceReport Instance(InstanceState state, HealthState health = HealthState.None, int? lastExit = null) =>
        new("web", "process", state, health, 0, null, lastExit);

    [Fact]
    public void A_stop_in_flight_says_what_was_sent_when_and_when_sigkill_follows()
    {
        var stopping = Instance(InstanceState.Running) with { Stopping = new StopInFlight(Signal.SIGTERM, TimeSpan.FromSeconds(4.2), TimeSpan.FromSeconds(10.8)) };
        Assert.Equal("stopping (SIGTERM sent 4 s ago, SIGKILL in 11 s)", SupervisorWords.Activity(stopping));
        Assert.Equal("stopping (SIGINT sent 12 s ago, SIGKILL sent)", SupervisorWords.Activity(stopping with { Stopping = new StopInFlight(Signal.SIGINT, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(-2)) }));
        Assert.Equal("stopping (SIGKILL sent 0 s ago)", SupervisorWords.Activity(stopping with { Stopping = new StopInFlight(Signal.SIGKILL, TimeSpan.FromMilliseconds(100), null) }));
    }

    [Fact]
    public void Starting_and_restarting_are_work_in_flight_and_a_plain_state_is_not()
    {
        Assert.Equal("starting", SupervisorWords.Activity(Instance(InstanceState.Starting)));
        Assert.Equal("restarting in 1.5 s", SupervisorWords.Activity(Instance(InstanceState.Restarting) with { RestartIn = TimeSpan.FromSeconds(1.5) }));
        Assert.Equal("restarting in 0 s", SupervisorWords.Activity(Instance(InstanceState.Restarting) with { RestartIn = TimeSpan.FromSeconds(-1) }));
        Assert.Null(SupervisorWords.Activity(Instance(InstanceState.Running)));
        Assert.Null(SupervisorWords.Activity(Instance(InstanceState.Failed)));
    }

    [Fact]
    public void A_wait_s_problem_names_the_instance_why_and_its_log()
    {
        var timeout = TimeSpan.FromSeconds(30);
        Assert.Equal("web: exited with code 3 (log: /p/web.log)",
            SupervisorWords.Problem(new ReadinessProblem(Instance(InstanceState.Exited, lastExit: 3), ReadinessProblemKind.Ended, "/p/web.log", []), timeout));
        Assert.Equal("web: failed (log: /p/web.log)",
            SupervisorWords.Problem(new ReadinessProblem(Instance(InstanceState.Failed), ReadinessProblemKind.Ended, "/p/web.log", []), timeout));
        Assert.Equal("web: not ready after 30 s (running, unhealthy) (log: /p/web.log)",
            SupervisorWords.Problem(new ReadinessProblem(Instance(InstanceState.Running, HealthState.Unhealthy), ReadinessProblemKind.NotReadyInTime, "/p/web.log", []), timeout));
        Assert.Equal("web: not ready after 2.5 s (starting) (log: /p/web.log)",
            SupervisorWords.Problem(new ReadinessProblem(Instance(InstanceState.Starting), ReadinessProblemKind.NotReadyInTime, "/p/web.log", []), TimeSpan.FromSeconds(2.5)));
    }
}
