using Pidman.Os;
using Pidman.Stopping;

namespace Pidman.Tests.Unit.Stopping;

/// <summary>The one stop sequence, over a target that records what it was sent and answers each wait as told.</summary>
public sealed class EscalationTests
{
    /// <summary>A stop target whose waits end at once, each with the next of <paramref name="gone"/>.</summary>
    private sealed class FakeTarget(params bool[] gone) : IStopTarget
    {
        private int _waits;

        public List<string> Steps { get; } = [];

        public void Send(Signal signal) => Steps.Add(signal.ToString());

        public void Kill() => Steps.Add("KILL");

        public Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Steps.Add($"wait {timeout.TotalSeconds:0.##} s");
            return Task.FromResult(gone[_waits++]);
        }
    }

    private static readonly StopPlan Plan = new(Signal.SIGTERM, TimeSpan.FromSeconds(3), Force: false);

    [Fact]
    public async Task A_target_that_exits_on_the_signal_is_terminated_without_sigkill()
    {
        var target = new FakeTarget(true);
        Assert.Equal(StopOutcome.Terminated, await Escalation.RunAsync(target, Plan, CancellationToken.None));
        Assert.Equal(["SIGTERM", "SIGCONT", "wait 3 s"], target.Steps);
    }

    [Fact]
    public async Task A_target_that_outlives_the_timeout_is_killed_and_given_the_kill_grace()
    {
        var target = new FakeTarget(false, true);
        Assert.Equal(StopOutcome.Killed, await Escalation.RunAsync(target, Plan, CancellationToken.None));
        Assert.Equal(["SIGTERM", "SIGCONT", "wait 3 s", "KILL", $"wait {StopPlan.KillGrace.TotalSeconds:0.##} s"], target.Steps);
    }

    [Fact]
    public async Task A_target_that_survives_sigkill_is_a_failure()
    {
        var target = new FakeTarget(false, false);
        Assert.Equal(StopOutcome.Failed, await Escalation.RunAsync(target, Plan, CancellationToken.None));
        Assert.Equal("KILL", target.Steps[3]);
    }

    [Fact]
    public async Task Force_kills_at_once_without_the_graceful_signal()
    {
        var target = new FakeTarget(true);
        Assert.Equal(StopOutcome.Killed, await Escalation.RunAsync(target, Plan with { Force = true }, CancellationToken.None));
        Assert.Equal(["KILL", $"wait {StopPlan.KillGrace.TotalSeconds:0.##} s"], target.Steps);
    }

    [Theory]
    [InlineData(Signal.SIGINT, new[] { "SIGINT", "SIGCONT" })]
    [InlineData(Signal.SIGCONT, new[] { "SIGCONT" })]
    public async Task The_stop_signal_comes_first_and_sigcont_once(Signal signal, string[] sent)
    {
        var target = new FakeTarget(true);
        await Escalation.RunAsync(target, Plan with { Signal = signal }, CancellationToken.None);
        Assert.Equal(sent, target.Steps.Take(sent.Length));
        Assert.Equal(1, target.Steps.Count(s => s == "SIGCONT"));
    }

    [Fact]
    public async Task Finishing_an_already_signalled_target_sends_nothing_when_it_is_gone_and_sigkill_when_it_is_not()
    {
        var gone = new FakeTarget(true);
        Assert.Equal(StopOutcome.Terminated, await Escalation.FinishAsync(gone, TimeSpan.FromSeconds(2), CancellationToken.None));
        Assert.Equal(["wait 2 s"], gone.Steps);

        var stays = new FakeTarget(false, true);
        Assert.Equal(StopOutcome.Killed, await Escalation.FinishAsync(stays, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(["wait 0 s", "KILL", $"wait {StopPlan.KillGrace.TotalSeconds:0.##} s"], stays.Steps);
    }

    [Fact]
    public async Task A_cancelled_token_sends_nothing()
    {
        var target = new FakeTarget(true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Escalation.RunAsync(target, Plan, new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Escalation.RunAsync(target, Plan with { Force = true }, new CancellationToken(canceled: true)));
        Assert.Empty(target.Steps);
    }

    [Fact]
    public async Task A_cancellation_during_the_wait_sends_no_sigkill()
    {
        using var cancel = new CancellationTokenSource();
        var target = new CancellingTarget(cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Escalation.RunAsync(target, Plan, cancel.Token));
        Assert.Equal(["SIGTERM", "SIGCONT", "wait"], target.Steps);
    }

    /// <summary>A target whose first wait is cancelled under it, as a caller's token would be.</summary>
    private sealed class CancellingTarget(CancellationTokenSource cancel) : IStopTarget
    {
        public List<string> Steps { get; } = [];

        public void Send(Signal signal) => Steps.Add(signal.ToString());

        public void Kill() => Steps.Add("KILL");

        public Task<bool> WaitGoneAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Steps.Add("wait");
            cancel.Cancel();
            return Task.FromResult(false); // a waiter that returns (timed out) rather than throwing: the escalation must still stop
        }
    }
}
