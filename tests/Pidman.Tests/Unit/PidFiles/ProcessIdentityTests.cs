using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Tests.Unit.PidFiles;

/// <summary>The identity rules (is the process behind a PID the one a record describes?) over a fake process table.</summary>
public sealed class ProcessIdentityTests
{
    private const string Boot = "boot-a";
    private const int Pid = 4242;
    private const ulong Started = 123_456;

    /// <summary>A process table of <see cref="ProcStat"/>s by PID, with thread IDs mapped to their process; counts its reads.</summary>
    private sealed class FakeProcesses(params ProcStat[] processes) : IProcessReader
    {
        public Dictionary<int, int> Threads { get; } = [];

        public HashSet<int> Unparseable { get; } = [];

        public int Reads { get; private set; }

        public string BootId => Boot;

        public bool TryReadStat(int pid, out ProcStat stat)
        {
            Reads++;
            if (Unparseable.Contains(pid)) throw new FormatException("stat line has no (comm) field");
            stat = processes.FirstOrDefault(p => p.Pid == pid) ?? Threads.GetValueOrDefault(pid) switch
            {
                0 => null!,
                int process => processes.First(p => p.Pid == process) with { Pid = pid },
            };
            return stat is not null;
        }

        public int? ThreadGroupOf(int pid)
        {
            Reads++;
            return Threads.TryGetValue(pid, out int process) ? process : processes.Any(p => p.Pid == pid) ? pid : null;
        }
    }

    private static ProcStat Process(int pid = Pid, char state = 'S', ulong started = Started, uint flags = 0) =>
        new(pid, "web", state, 1, pid, pid, started, 100) { Flags = flags };

    private static IdentityRecord Record(int pid = Pid, ulong started = Started, string boot = Boot) =>
        new(pid, started, boot, "web", "main", 1000, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_process_with_the_recorded_start_time_in_this_boot_is_verified()
    {
        var (state, reason, stat) = ProcessIdentity.Check(Pid, Record(), new FakeProcesses(Process()));
        Assert.Equal((PidState.Running, EntryReason.Verified), (state, reason));
        Assert.Equal(Started, stat!.StartTimeTicks);
    }

    [Fact]
    public void A_later_start_time_is_a_reused_pid_and_stale()
    {
        var (state, reason, _) = ProcessIdentity.Check(Pid, Record(), new FakeProcesses(Process(started: Started + 1)));
        Assert.Equal((PidState.Stale, EntryReason.PidReused), (state, reason));
    }

    [Fact]
    public void A_record_from_another_boot_is_stale_without_reading_the_process()
    {
        var proc = new FakeProcesses(Process());
        var (state, reason, stat) = ProcessIdentity.Check(Pid, Record(boot: "boot-b"), proc);
        Assert.Equal((PidState.Stale, EntryReason.OtherBoot), (state, reason));
        Assert.Null(stat);
        Assert.Equal(0, proc.Reads);
    }

    [Fact]
    public void A_pid_with_no_process_is_gone()
    {
        Assert.Equal((PidState.Stale, EntryReason.ProcessGone), Verdict(ProcessIdentity.Check(Pid, Record(), new FakeProcesses())));
        Assert.Equal((PidState.Stale, EntryReason.ProcessGone), Verdict(ProcessIdentity.Check(Pid, null, new FakeProcesses())));
    }

    [Fact]
    public void A_stat_that_cannot_be_parsed_counts_as_gone_never_as_running()
    {
        var proc = new FakeProcesses(Process());
        proc.Unparseable.Add(Pid);
        Assert.Equal((PidState.Stale, EntryReason.ProcessGone), Verdict(ProcessIdentity.Check(Pid, Record(), proc)));
        Assert.Equal((PidState.Stale, EntryReason.ProcessGone), Verdict(ProcessIdentity.Check(Pid, null, proc)));
    }

    [Theory]
    [InlineData('Z')]
    [InlineData('X')]
    [InlineData('x')]
    public void A_zombie_or_dead_task_is_stale_even_with_the_recorded_start_time(char state)
    {
        Assert.Equal((PidState.Stale, EntryReason.Zombie), Verdict(ProcessIdentity.Check(Pid, Record(), new FakeProcesses(Process(state: state)))));
        Assert.Equal((PidState.Stale, EntryReason.Zombie), Verdict(ProcessIdentity.Check(Pid, null, new FakeProcesses(Process(state: state)))));
    }

    [Fact]
    public void A_kernel_thread_is_invalid_with_or_without_a_record()
    {
        var kthread = new FakeProcesses(Process(flags: 0x00200000));
        Assert.Equal((PidState.Invalid, EntryReason.KernelThread), Verdict(ProcessIdentity.Check(Pid, Record(), kthread)));
        Assert.Equal((PidState.Invalid, EntryReason.KernelThread), Verdict(ProcessIdentity.Check(Pid, null, kthread)));
    }

    [Fact]
    public void Without_a_record_a_live_process_is_running_but_unverified()
    {
        Assert.Equal((PidState.Running, EntryReason.Unverified), Verdict(ProcessIdentity.Check(Pid, null, new FakeProcesses(Process()))));
    }

    [Fact]
    public void Without_a_record_a_thread_id_is_not_a_process()
    {
        var proc = new FakeProcesses(Process());
        proc.Threads[Pid + 1] = Pid;
        Assert.Equal((PidState.Invalid, EntryReason.NotAProcess), Verdict(ProcessIdentity.Check(Pid + 1, null, proc)));
    }

    [Fact]
    public void A_record_of_another_pid_vouches_for_nothing()
    {
        // A record naming PID 4242 says nothing of 4243: not verified (nor, from another boot, stale), only unverified.
        var proc = new FakeProcesses(Process(), Process(pid: Pid + 1, started: Started));
        Assert.Equal((PidState.Running, EntryReason.Unverified), Verdict(ProcessIdentity.Check(Pid + 1, Record(), proc)));
        Assert.Equal((PidState.Running, EntryReason.Unverified), Verdict(ProcessIdentity.Check(Pid + 1, Record(boot: "boot-b"), proc)));
    }

    private static (PidState, EntryReason) Verdict((PidState State, EntryReason Reason, ProcStat? Stat) check) => (check.State, check.Reason);
}
