using Pidman.Cli.Rendering;
using Pidman.PidFiles;
using Pidman.Projects;
using Pidman.Supervision;

namespace Pidman.Tests.Unit.Rendering;

/// <summary>A status row is facts; the DETAIL column and the JSON <c>detail</c> are worded from them in one place.</summary>
public sealed class DetailWordsTests
{
    private static PidEntry Entry(PidState state = PidState.Running, EntryReason reason = EntryReason.Verified, int? pid = 42) =>
        new("web", "process", "/p/local/pid/web.pid", state, reason, pid);

    private static InstanceReport Supervised(InstanceState state, int? lastExit = null) => new("web", "process", state, HealthState.None, 0, 42, lastExit);

    [Fact]
    public void A_plain_running_entry_has_no_detail()
    {
        Assert.Null(DetailWords.Of(Entry()));
        Assert.Null(DetailWords.Of(new StatusRow(Entry()) { Supervised = Supervised(InstanceState.Running) }));
    }

    [Fact]
    public void Leftovers_are_counted_and_a_missing_pid_file_said()
    {
        Assert.Equal("PID file missing", DetailWords.Of(Entry() with { FileMissing = true }));
        Assert.Equal("1 leftover process", DetailWords.Of(Entry(PidState.Stale, EntryReason.Leftovers) with { Processes = 1 }));
        Assert.Equal("3 leftover processes; PID file missing", DetailWords.Of(Entry(PidState.Stale, EntryReason.Leftovers) with { Processes = 3, FileMissing = true }));
    }

    [Fact]
    public void An_open_window_is_named_and_a_closed_one_said_only_for_an_instance_with_a_pid()
    {
        Assert.Equal("tmux window web", DetailWords.Of(new StatusRow(Entry()) { Window = new TmuxWindowStatus("web", open: true) }));
        Assert.Equal("tmux window missing", DetailWords.Of(new StatusRow(Entry()) { Window = new TmuxWindowStatus("web", open: false) }));
        Assert.Null(DetailWords.Of(new StatusRow(Entry(PidState.Stopped, EntryReason.NoFile, pid: null)) { Window = new TmuxWindowStatus("web", open: false) }));
    }

    [Fact]
    public void The_supervisor_s_work_in_flight_wins_over_its_state_and_a_last_exit_code_is_given()
    {
        Assert.Equal("supervisor: restarting in 2 s", DetailWords.Of(new StatusRow(Entry()) { Supervised = Supervised(InstanceState.Restarting) with { RestartIn = TimeSpan.FromSeconds(2) } }));
        Assert.Equal("supervisor: failed, last exit code 3", DetailWords.Of(new StatusRow(Entry(PidState.Stopped, EntryReason.NoFile, null)) { Supervised = Supervised(InstanceState.Failed, 3) }));
        Assert.Equal("supervisor: stopped", DetailWords.Of(new StatusRow(Entry(PidState.Stopped, EntryReason.NoFile, null)) { Supervised = Supervised(InstanceState.Stopped) }));
    }

    [Fact]
    public void Every_part_is_joined_in_the_order_file_window_supervisor()
    {
        var row = new StatusRow(Entry() with { FileMissing = true }) { Window = new TmuxWindowStatus("web", true), Supervised = Supervised(InstanceState.Exited, 1) };
        Assert.Equal("PID file missing; tmux window web; supervisor: exited, last exit code 1", DetailWords.Of(row));
    }

    [Fact]
    public void Health_is_a_running_instance_s_only()
    {
        var healthy = Supervised(InstanceState.Running) with { Health = HealthState.Healthy };
        Assert.Equal(HealthState.Healthy, new StatusRow(Entry()) { Supervised = healthy }.Health);
        Assert.Null(new StatusRow(Entry(PidState.Stale, EntryReason.ProcessGone)) { Supervised = healthy }.Health);
        Assert.Null(new StatusRow(Entry()) { Supervised = Supervised(InstanceState.Running) }.Health);
    }
}
