using Pidman.Os;

namespace Pidman.Tests.Unit.Os;

public class ProcStatTests
{
    private const string Tail = "S 1 100 100 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 123456 8192000 345 18446744073709551615";

    [Theory]
    [InlineData("a)))b", "(a)))b)")]
    [InlineData("dotnet (with (parens)) sp(a)ce", "(dotnet (with (parens)) sp(a)ce)")]
    [InlineData("x y z", "(x y z)")]
    [InlineData("", "()")]
    [InlineData(") S 1 2 3", "() S 1 2 3)")]
    public void Comm_runs_from_the_first_open_paren_to_the_last_close_paren(string comm, string field)
    {
        var stat = ProcStat.Parse($"4242 {field} {Tail}");

        Assert.Equal(4242, stat.Pid);
        Assert.Equal(comm, stat.Comm);
        Assert.Equal('S', stat.State);
        Assert.Equal(1, stat.ParentPid);
        Assert.Equal(100, stat.ProcessGroup);
        Assert.Equal(100, stat.Session);
        Assert.Equal(123456UL, stat.StartTimeTicks);
        Assert.Equal(345, stat.RssPages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 no parens S 1")]
    [InlineData("4242 (short) S 1 2 3")]
    [InlineData("abc (x) S 1 100 100 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 123456 8192000 345 1")]
    [InlineData("4242 (x) S 1 100 100 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 -5 8192000 345 1")]
    public void Malformed_lines_throw(string line) => Assert.Throws<FormatException>(() => ProcStat.Parse(line));

    [Fact]
    public void Zombie_and_dead_states_count_as_exited()
    {
        Assert.True(ProcStat.Parse($"7 (z) Z{Tail[1..]}").HasExited);
        Assert.True(ProcStat.Parse($"7 (z) X{Tail[1..]}").HasExited);
        Assert.False(ProcStat.Parse($"7 (z) T{Tail[1..]}").HasExited);
    }

    [Fact]
    public void Reads_this_process_from_proc()
    {
        Assert.True(ProcFs.TryReadStat(Environment.ProcessId, out var stat));
        Assert.Equal(Environment.ProcessId, stat.Pid);
        Assert.False(stat.HasExited);
        Assert.True(stat.StartTimeTicks > 0);
    }

    [Fact]
    public void A_missing_process_reads_as_false_not_an_error()
    {
        int unused = Enumerable.Range(2, ProcFs.PidMax - 2).Reverse().First(p => !Directory.Exists($"/proc/{p}"));
        Assert.False(ProcFs.TryReadStat(unused, out _));
    }
}
