using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary><see cref="PidFile.Register"/> in real processes: one winner, the file removed on every way out.</summary>
public sealed class SelfRegistrationTests : ProcessTest
{
    private System.Diagnostics.Process StartRegistered(string service)
    {
        var p = TestHelperProgram.Start(_procs, "register", service, _dir.PidDir);
        Assert.Equal($"registered {p.Id}", p.StandardOutput.ReadLine());
        return p;
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void The_file_is_removed_when_the_process_gets(string signal)
    {
        var p = StartRegistered("worker");
        Assert.Equal($"{p.Id}\n", File.ReadAllText(_dir.File("worker.pid")));
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "status", "worker").ExitCode);

        _procs.Start("kill", $"-{signal}", p.Pid()).WaitForExit();
        Assert.True(p.WaitForExit(15_000));
        Assert.False(File.Exists(_dir.File("worker.pid")));
    }

    [Fact]
    public void A_graceful_SIGTERM_handler_registered_after_keeps_the_file_until_the_app_disposes_it()
    {
        var p = TestHelperProgram.Start(_procs, "register-then-drain", "worker", _dir.PidDir);
        Assert.Equal($"registered {p.Id}", p.StandardOutput.ReadLine());
        _procs.Start("kill", "-TERM", p.Pid()).WaitForExit();
        Assert.Equal("draining", p.StandardOutput.ReadLine());
        Assert.Equal("after every handler; PID file still there: True", p.StandardOutput.ReadLine());
        Assert.True(p.WaitForExit(15_000));
        Assert.Equal(0, p.ExitCode);
        Assert.False(File.Exists(_dir.File("worker.pid")));
    }

    [Fact]
    public void The_file_is_removed_on_normal_exit()
    {
        var p = TestHelperProgram.Start(_procs, "exit-after-register", "worker", _dir.PidDir);
        Assert.True(p.WaitForExit(15_000));
        Assert.Equal(0, p.ExitCode);
        Assert.StartsWith("registered", p.StandardOutput.ReadLine());
        Assert.False(File.Exists(_dir.File("worker.pid")));
    }

    [Fact]
    public void Pidman_stop_ends_a_self_registered_process_gracefully()
    {
        var p = StartRegistered("worker");
        var stop = PidmanCli.Run(_dir.PidDir, "stop", "worker");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(p.WaitForExit(15_000));
        Assert.False(File.Exists(_dir.File("worker.pid")));
    }

    [Fact]
    public void Twenty_racing_registrations_give_exactly_one_winner_and_name_its_pid()
    {
        var contenders = Enumerable.Range(0, 20).Select(_ => TestHelperProgram.Start(_procs, "register", "same", _dir.PidDir)).ToList();
        var lines = contenders.Select(p => (Process: p, Line: p.StandardOutput.ReadLine() ?? "")).ToList();

        var winners = lines.Where(x => x.Line.StartsWith("registered")).ToList();
        var winner = Assert.Single(winners);
        Assert.Equal($"registered {winner.Process.Id}", winner.Line);
        foreach (var (process, line) in lines.Where(x => x != winner))
        {
            Assert.Equal($"refused: same is already running (PID {winner.Process.Id})", line);
            Assert.True(process.WaitForExit(15_000));
            Assert.Equal(3, process.ExitCode);
        }
        Assert.Equal($"{winner.Process.Id}\n", File.ReadAllText(_dir.File("same.pid")));
    }

    [Fact]
    public void A_crashed_holder_releases_its_lock_and_a_new_instance_takes_over()
    {
        var first = StartRegistered("worker");
        _procs.Start("kill", "-KILL", first.Pid()).WaitForExit();
        Assert.True(first.WaitForExit(15_000));
        Assert.True(File.Exists(_dir.File("worker.pid")), "SIGKILL leaves the file behind");

        var second = StartRegistered("worker");
        Assert.Equal($"{second.Id}\n", File.ReadAllText(_dir.File("worker.pid")));
    }
}
