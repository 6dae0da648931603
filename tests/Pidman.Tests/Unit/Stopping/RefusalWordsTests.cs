using System.Text.Json;
using Pidman.Os;
using Pidman.Stopping;
using Pidman.Supervision;

namespace Pidman.Tests.Unit.Stopping;

/// <summary>A refusal is facts (the rule, the PID, the file); its one sentence per rule is made by <see cref="RefusalWords"/>.</summary>
public sealed class RefusalWordsTests
{
    public static TheoryData<SignalRefusal, string> Cases => new()
    {
        { new(RefusalKind.OutOfRange, 1), "PID 1 is out of the signallable range; not signalled" },
        { new(RefusalKind.Pidman, 42), "PID 42 is pidman itself; not signalled" },
        { new(RefusalKind.PidmanParent, 42), "PID 42 is pidman's parent; not signalled" },
        { new(RefusalKind.PidmanGroupLeader, 42), "PID 42 leads pidman's own process group; not signalled" },
        { new(RefusalKind.UnvouchedInSharedDirectory, 42) { PidFilePath = "/p/web.pid", Directory = "/p" },
            "/p/web.pid is not vouched for by an identity record of pidman's (none, or it was written for another file: moved or replaced?) and others may write /p; not signalled (stop the process yourself if it is yours)" },
        { new(RefusalKind.UnexaminableFile, 42) { PidFilePath = "/p/web.pid" },
            "/p/web.pid has no identity record and the PID file cannot be examined; not signalled (use --force if you are sure)" },
        { new(RefusalKind.StartedAfterFile, 42) { PidFilePath = "/p/web.pid" },
            "/p/web.pid has no identity record and PID 42 started after the file was written (the PID was probably reused); not signalled (use --force if you are sure)" },
        { new(RefusalKind.ForeignOwner, 42) { PidFilePath = "/p/web.pid", FileOwnerUid = 1001 },
            "/p/web.pid has no identity record and the file's owner (uid 1001) does not own PID 42; not signalled (use --force if you are sure)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_has_its_sentence_and_the_same_one_after_the_control_socket(SignalRefusal refusal, string words)
    {
        Assert.Equal(words, RefusalWords.Describe(refusal));
        // A stop under a supervisor comes back over the control socket as JSON: the same facts, so the same words.
        var entry = new StopEntryResult("web", "process", refusal.Pid, StopOutcome.Refused, TimeSpan.Zero, StopFinding.Refused) { Refusal = refusal };
        var response = new ControlResponse(1, null, [], [], [new StopResult("web", [entry])]);
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse), ControlJsonContext.Default.ControlResponse)!;
        var again = back.Stopped[0].Entries[0];
        Assert.Equal(refusal, again.Refusal);
        Assert.Equal(words, StopWords.Describe(again));
    }

    [Fact]
    public void Every_rule_is_covered_by_a_case()
    {
        var covered = Cases.Select(c => ((SignalRefusal)c[0]).Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<RefusalKind>().ToHashSet(), covered);
    }
}
