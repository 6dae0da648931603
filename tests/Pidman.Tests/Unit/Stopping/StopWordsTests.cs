using System.Text.Json;
using Pidman.Os;
using Pidman.PidFiles;
using Pidman.Stopping;
using Pidman.Supervision;

namespace Pidman.Tests.Unit.Stopping;

/// <summary>A stop result is facts; its sentence is made from them in one place, the same before and after the control socket.</summary>
public sealed class StopWordsTests
{
    private static StopEntryResult Entry(StopOutcome outcome, StopFinding finding, int? pid = 42) =>
        new("web", "process", pid, outcome, TimeSpan.FromMilliseconds(7.4), finding) { Signal = Signal.SIGINT, Timeout = TimeSpan.FromSeconds(2.5) };

    public static TheoryData<StopEntryResult, string> Cases => new()
    {
        { Entry(StopOutcome.Terminated, StopFinding.Signalled), "stopped (SIGINT) in 7 ms" },
        { Entry(StopOutcome.Killed, StopFinding.Signalled), "did not exit within 2.5 s; killed (SIGKILL)" },
        { Entry(StopOutcome.Killed, StopFinding.Signalled) with { Forced = true }, "killed (SIGKILL) in 7 ms" },
        { Entry(StopOutcome.Failed, StopFinding.Signalled), "PID 42 survived SIGKILL (uninterruptible sleep?); PID file kept" },
        { Entry(StopOutcome.NotRunning, StopFinding.ExitedFirst), "exited before it was signalled" },
        { Entry(StopOutcome.NotRunning, StopFinding.NoPidFile, pid: null), "not running (no PID file)" },
        { Entry(StopOutcome.NotRunning, StopFinding.StaleRemoved) with { Reason = EntryReason.PidReused }, "not running (PID reused by another process); stale file removed" },
        { Entry(StopOutcome.NotRunning, StopFinding.StaleKept) with { Reason = EntryReason.ProcessGone, RemovalErrno = 30 }, "not running (process gone); stale file kept: Read-only file system" },
        { Entry(StopOutcome.NotRunning, StopFinding.StaleKept) with { Reason = EntryReason.ProcessGone }, "not running (process gone); stale file kept (it changed meanwhile)" },
        { Entry(StopOutcome.Terminated, StopFinding.Signalled) with { RemovalErrno = 13 }, "stopped (SIGINT) in 7 ms; PID file not removed: Permission denied" },
        { Entry(StopOutcome.Terminated, StopFinding.Leftovers) with { Leftovers = 2 }, "ended 2 leftover process(es) of the exited main process" },
        { Entry(StopOutcome.Failed, StopFinding.Leftovers) with { Leftovers = 3 }, "3 leftover process(es) survived SIGKILL; PID file kept" },
        { Entry(StopOutcome.Refused, StopFinding.InvalidFile) with { Reason = EntryReason.NotANumber, Path = "/p/web.pid" }, "/p/web.pid: not a number; not signalled (remove it with 'pidman cleanup --invalid')" },
        { Entry(StopOutcome.Refused, StopFinding.Refused) with { Refusal = new(RefusalKind.PidmanParent, 42) }, "PID 42 is pidman's parent; not signalled" },
        { Entry(StopOutcome.Failed, StopFinding.Error) with { Detail = "cannot send SIGINT to PID 42: Operation not permitted" }, "cannot send SIGINT to PID 42: Operation not permitted" },
        { Entry(StopOutcome.NotRunning, StopFinding.Unregistered, pid: null), "unregistered" },
        { Entry(StopOutcome.NotRunning, StopFinding.NotRegistered, pid: null), "had no PID file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_finding_and_outcome_has_its_sentence_and_the_same_one_after_the_control_socket(StopEntryResult entry, string words)
    {
        Assert.Equal(words, StopWords.Describe(entry));

        // The supervisor sends facts; the CLI words them: the facts must arrive whole.
        var response = new ControlResponse(0, null, [], [], [new StopResult("web", [entry])]);
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse), ControlJsonContext.Default.ControlResponse)!;
        var arrived = back.Stopped[0].Entries[0];
        Assert.Equal(entry, arrived);
        Assert.Equal(words, StopWords.Describe(arrived));
    }

    [Fact]
    public void Every_finding_is_covered_by_a_case()
    {
        var covered = Cases.Select(c => ((StopEntryResult)c[0]).Finding).ToHashSet();
        Assert.Equal(Enum.GetValues<StopFinding>().ToHashSet(), covered);
    }
}
