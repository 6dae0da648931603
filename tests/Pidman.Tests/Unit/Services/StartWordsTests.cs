using System.Text.Json;
using Pidman.PidFiles;
using Pidman.Services;
using Pidman.Supervision;

namespace Pidman.Tests.Unit.Services;

/// <summary>A start outcome is facts; its sentence is made from them in one place, the same before and after the control socket.</summary>
public sealed class StartWordsTests
{
    private static StartOutcome Outcome(StartStatus status, StartFinding finding, int? pid = 42) => new("web", "process", status, finding, pid);

    private static readonly DateTimeOffset CompletedAt = new(2026, 12, 4, 9, 30, 15, TimeSpan.Zero);

    public static TheoryData<StartOutcome, string> Cases => new()
    {
        { Outcome(StartStatus.Started, StartFinding.Started), "started (PID 42)" },
        { Outcome(StartStatus.Started, StartFinding.Started) with { TmuxWindow = "web" }, "started (PID 42) in tmux window web" },
        { Outcome(StartStatus.Started, StartFinding.Running), "running (PID 42)" },
        { Outcome(StartStatus.Started, StartFinding.StoppedFromOutside) with { ExitCode = 143 }, "started (PID 42), then stopped by signal 15 from outside" },
        { Outcome(StartStatus.Started, StartFinding.StoppedFromOutside) with { ExitCode = 0 }, "started (PID 42), then stopped by another command from outside" },
        { Outcome(StartStatus.AlreadyRunning, StartFinding.AlreadyRunning), "already running (PID 42)" },
        { Outcome(StartStatus.AlreadyRunning, StartFinding.AlreadyRunning) with { PidFileRestored = true }, "already running (PID 42); its missing PID file was written again" },
        { Outcome(StartStatus.AlreadyRunning, StartFinding.Adopted), "already running (PID 42, adopted: its starter was killed before writing the PID file)" },
        { Outcome(StartStatus.Completed, StartFinding.Completed), "completed (exit code 0)" },
        { Outcome(StartStatus.Completed, StartFinding.CompletedEarlier, null) with { CompletedAt = CompletedAt }, $"completed earlier (exit code 0 at {CompletedAt.ToLocalTime():HH:mm:ss}); 'pidman stop web' lets it run again" },
        { Outcome(StartStatus.Failed, StartFinding.ExitedAtStart) with { ExitCode = 3, LogPath = "/p/web.log", LogTail = ["boom"] }, "exited with code 3 (log: /p/web.log)" },
        { Outcome(StartStatus.Failed, StartFinding.ExitedAtStart) with { ExitCode = 127, LogPath = "/p/web.log" }, "exited with code 127 (command not found) (log: /p/web.log)" },
        { Outcome(StartStatus.Failed, StartFinding.ExitedAtStart) with { ExitCode = 137, LogPath = "/p/web.log" }, "was killed by signal 9 (log: /p/web.log)" },
        { Outcome(StartStatus.Failed, StartFinding.NoWorkingDirectory, null) with { Path = "/p/gone" }, "working directory /p/gone does not exist" },
        { Outcome(StartStatus.Failed, StartFinding.InvalidPidFile, null) with { Path = "/p/web.pid", Reason = EntryReason.NotANumber }, "/p/web.pid is invalid (not a number); remove it with 'pidman cleanup --invalid'" },
        { Outcome(StartStatus.Failed, StartFinding.CannotRecord, null) with { Path = "/p/web.pid", Detail = "No space left on device" }, "cannot record it in /p/web.pid: No space left on device; it was stopped" },
        { Outcome(StartStatus.Skipped, StartFinding.DependencyFailed, null) with { Dependency = "db" }, "not started: dependency db failed" },
        { Outcome(StartStatus.Waiting, StartFinding.WaitingForDependencies, null), "waiting for its dependencies" },
        { Outcome(StartStatus.Waiting, StartFinding.Restarting, null), "exited; restarting" },
        { Outcome(StartStatus.Failed, StartFinding.Exited, null), "exited" },
        { Outcome(StartStatus.Failed, StartFinding.Failed, null), "failed" },
        { Outcome(StartStatus.Failed, StartFinding.Stopped, null), "stopped" },
        { Outcome(StartStatus.Failed, StartFinding.Error, null) with { Detail = "IOException: disk on fire" }, "IOException: disk on fire" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_finding_has_its_sentence_and_the_same_one_after_the_control_socket(StartOutcome outcome, string words)
    {
        Assert.Equal(words, StartWords.Describe(outcome));

        // The supervisor sends facts; the CLI words them: the facts must arrive whole.
        var response = new ControlResponse(0, null, [], [outcome], []);
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse), ControlJsonContext.Default.ControlResponse)!;
        var arrived = back.Started[0];
        Assert.Equal(outcome with { LogTail = [] }, arrived with { LogTail = [] });
        Assert.Equal(outcome.LogTail, arrived.LogTail);
        Assert.Equal(words, StartWords.Describe(arrived));
    }

    [Fact]
    public void Every_finding_is_covered_by_a_case()
    {
        var covered = Cases.Select(c => ((StartOutcome)c[0]).Finding).ToHashSet();
        Assert.Equal(Enum.GetValues<StartFinding>().ToHashSet(), covered);
    }
}
