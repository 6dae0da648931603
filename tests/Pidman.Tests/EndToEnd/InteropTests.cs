using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The PID file is the public interface: the standard tools read what pidman writes.</summary>
public sealed class InteropTests : ProcessTest
{
    [Theory]
    [InlineData("sh", "-c", "kill -0 $(cat \"$0\")")]
    [InlineData("sh", "-c", "pgrep -F \"$0\"")]
    [InlineData("start-stop-daemon", "--status", "--pidfile", "FILE")]
    public void Standard_tools_read_the_written_file(string tool, string arg1, string arg2, string? arg3 = null)
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid()).ExitCode);
        string file = _dir.File("web.pid");
        string[] args = arg3 is null ? [arg1, arg2, file] : [arg1, arg2, arg3.Replace("FILE", file)];

        var p = _procs.Start(tool, args);
        Assert.True(p.WaitForExit(15_000));
        Assert.True(p.ExitCode == 0, $"{tool} exited {p.ExitCode}: {p.StandardError.ReadToEnd()}");
    }
}
