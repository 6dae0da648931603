using Pidman.Cli.Rendering;
using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Tests.Unit.Rendering;

/// <summary>A signal result is facts; <c>pidman signal</c> words each finding.</summary>
public sealed class SignalWordsTests
{
    private static SignalResult Result(SignalFinding finding) => new("web", "process", 42, Signal.SIGHUP, finding);

    public static TheoryData<SignalResult, string> Cases => new()
    {
        { Result(SignalFinding.Sent), "sent SIGHUP" },
        { Result(SignalFinding.NoPidFile) with { Pid = null }, "not running (no PID file)" },
        { Result(SignalFinding.NotRunning) with { Reason = EntryReason.ProcessGone }, "not running (process gone)" },
        { Result(SignalFinding.Refused) with { Refusal = new(RefusalKind.PidmanParent, 42) }, "PID 42 is pidman's parent; not signalled" },
        { Result(SignalFinding.ExitedFirst), "exited before it was signalled" },
        { Result(SignalFinding.Error) with { Detail = "cannot send SIGHUP to PID 42: Operation not permitted" }, "cannot send SIGHUP to PID 42: Operation not permitted" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_finding_has_its_words_and_only_a_delivered_signal_counts_as_sent(SignalResult result, string words)
    {
        Assert.Equal(words, SignalWords.Describe(result));
        Assert.Equal(result.Finding == SignalFinding.Sent, result.Sent);
    }

    [Fact]
    public void Every_finding_is_covered_by_a_case() =>
        Assert.Equal(Enum.GetValues<SignalFinding>().ToHashSet(), Cases.Select(c => ((SignalResult)c[0]).Finding).ToHashSet());
}
