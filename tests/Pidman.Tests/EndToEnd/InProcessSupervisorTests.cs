using System.Text.RegularExpressions;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// A program that runs the supervisor itself (<c>Project.SuperviseAsync</c>, in tests/Pidman.TestHelper) can end it from
/// the same process: by <c>DownAsync</c>, which used to wait for its own process to exit, or by cancelling its token.
/// </summary>
public sealed partial class InProcessSupervisorTests : ProcessTest
{
    [Theory]
    [InlineData("down")]
    [InlineData("cancel")]
    public void The_in_process_supervisor_ends_with_everything_it_ran_stopped(string how)
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), "[services.web]\ncommand = \"exec sleep 100000\"\n");
        string helper = Path.Combine(AppContext.BaseDirectory, "Pidman.TestHelper.dll");
        var program = _procs.StartInOwnSession("dotnet", helper, "supervise", _dir.Path, how);
        string? first = program.StandardOutput.ReadLine();
        var ready = Ready().Match(first ?? "");
        Assert.True(ready.Success, $"not ready: {first}{program.StandardError.ReadToEnd()}");
        int web = int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(program.WaitForExit(60_000), "the program did not end: its supervisor is still running");
        string rest = program.StandardOutput.ReadToEnd();
        Assert.True(program.ExitCode == 0, rest + program.StandardError.ReadToEnd());
        Assert.Matches($"ended by {how} in \\d+ ms, exit code 0", rest);
        Assert.False(ProcInfo.IsAlive(web), "the service must be stopped with the supervisor");
        Assert.False(File.Exists(_dir.File("web.pid")));
        Assert.Equal(3, PidmanCli.RunRaw(["status", "web"], cwd: _dir.Path).ExitCode);
    }

    [GeneratedRegex(@"^ready: True, web is PID (\d+)$")]
    private static partial Regex Ready();
}
