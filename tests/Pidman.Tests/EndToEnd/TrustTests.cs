using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Symbolic links another user plants under a project never steer pidman: refused with a message, targets untouched.</summary>
public sealed class TrustTests : ProjectTest
{
    private string Target => Path.Combine(_dir.Path, "elsewhere");

    private static string[] Listing(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_symlinked_pid_directory_is_refused_and_nothing_behind_it_is_signalled()
    {
        // The link points at a folder of PID files that are not the project's (as /run holds root's daemons').
        Directory.CreateDirectory(Target);
        var daemon = _procs.StartInOwnSession("sleep", "100000");
        File.WriteAllText(Path.Combine(Target, "daemon.pid"), $"{daemon.Id}\n");
        var before = Listing(Target);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "local"));
        File.CreateSymbolicLink(_dir.PidDir, Target);
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");

        foreach (var args in new[] { new[] { "stop", "--all" }, ["status"], ["cleanup", "--invalid"], ["start"] })
        {
            var result = Pidman(args);
            Assert.True(result.ExitCode == 1, $"{string.Join(' ', args)}: {result}");
            Assert.Contains($"{_dir.PidDir} is a symbolic link", result.Stderr);
        }
        Assert.True(ProcInfo.IsAlive(daemon.Id));
        Assert.Equal(before, Listing(Target));
        File.Delete(_dir.PidDir); // the link, so the cleanup's own stop finds no project PID files to follow
    }

    [Fact]
    public void A_symlinked_state_folder_is_refused_and_its_target_untouched()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "precious"), "root's file\n");
        Directory.CreateDirectory(_dir.PidDir);
        File.CreateSymbolicLink(Path.Combine(_dir.PidDir, ".pidman"), Target);
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");

        var start = Pidman("start");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains(".pidman is a symbolic link", start.Stderr);
        var unregister = Pidman("unregister", "precious");
        Assert.Equal(1, unregister.ExitCode);
        Assert.Equal(["precious"], Directory.GetFileSystemEntries(Target).Select(Path.GetFileName));
        Assert.Equal("root's file\n", File.ReadAllText(Path.Combine(Target, "precious")));
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        File.Delete(Path.Combine(_dir.PidDir, ".pidman"));
    }

    [Fact]
    public void A_symlinked_log_file_is_never_written_through()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "sudoers"), "root ALL=(ALL) ALL\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "local", "log"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "local", "log", "web.log"), Path.Combine(_dir.Path, "sudoers"));
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");

        var start = Pidman("start");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("web.log is a symbolic link", start.Stderr);
        Assert.Equal("root ALL=(ALL) ALL\n", File.ReadAllText(Path.Combine(_dir.Path, "sudoers")));
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void A_world_writable_pid_directory_is_refused()
    {
        Directory.CreateDirectory(_dir.PidDir);
        File.SetUnixFileMode(_dir.PidDir, (UnixFileMode)Convert.ToInt32("777", 8));
        var status = Pidman("status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("is writable by everyone (mode 777)", status.Stderr);
        File.SetUnixFileMode(_dir.PidDir, (UnixFileMode)Convert.ToInt32("755", 8));
        Assert.Equal(3, Pidman("status").ExitCode);
    }

    [Fact]
    public void A_pid_directory_swapped_for_a_link_while_the_supervisor_runs_does_not_redirect_its_writes()
    {
        // The race the open-time check alone would lose: the directory is replaced after pidman checked it.
        Write("pidman.toml", """
            [services.flaky]
            command = "sleep 0.3; exit 1"
            restart = "always"
            max_restarts = 100
            """);
        Assert.Equal(0, Pidman("up", "-d").ExitCode);
        string events = Path.Combine(_dir.Path, "local", "log", "pidman.log");
        int Starts() => File.Exists(events) ? File.ReadAllLines(events).Count(l => l.Contains("flaky: started", StringComparison.Ordinal)) : 0;
        Wait.Until(() => Starts() >= 1, "flaky's first start");

        Directory.CreateDirectory(Target);
        string moved = _dir.PidDir + ".real";
        Directory.Move(_dir.PidDir, moved);
        File.CreateSymbolicLink(_dir.PidDir, Target);
        try
        {
            int before = Starts();
            Wait.Until(() => Starts() >= before + 2, "two more starts of flaky after the swap", TimeSpan.FromSeconds(20));
            Assert.Empty(Directory.GetFileSystemEntries(Target)); // nothing written through the link
            Assert.True(File.Exists(Path.Combine(moved, ".pidman", "flaky.json")) || File.Exists(Path.Combine(moved, "supervisor_pidman.pid")),
                "the supervisor keeps working in the directory it checked");
        }
        finally
        {
            File.Delete(_dir.PidDir);
            Directory.Move(moved, _dir.PidDir);
        }
        Assert.Equal(0, Pidman("down").ExitCode);
    }

    [Fact]
    public void A_log_directory_swapped_for_a_link_while_the_supervisor_runs_does_not_redirect_service_output()
    {
        Write("pidman.toml", """
            [services.flaky]
            command = "echo run; sleep 0.3; exit 1"
            restart = "always"
            max_restarts = 100
            """);
        Assert.Equal(0, Pidman("up", "-d").ExitCode);
        string logDir = Path.Combine(_dir.Path, "local", "log");
        string moved = logDir + ".real";
        int Runs(string dir) => LogText.Lines(Path.Combine(dir, "flaky.log")).Count(l => l == "run");
        Wait.Until(() => Runs(logDir) >= 1, "flaky's first run in its log");

        Directory.CreateDirectory(Target);
        Directory.Move(logDir, moved);
        File.CreateSymbolicLink(logDir, Target);
        try
        {
            int before = Runs(moved);
            try
            {
                Wait.Until(() => Runs(moved) >= before + 2, "two more runs logged where the supervisor checked", TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}: {before} run(s) before the swap, {Runs(moved)} now; the supervisor's events:\n{File.ReadAllText(Path.Combine(moved, "pidman.log"))}", e);
            }
            Assert.Empty(Directory.GetFileSystemEntries(Target)); // no banner, no output through the link
        }
        finally
        {
            File.Delete(logDir);
            Directory.Move(moved, logDir);
        }
        Assert.Equal(0, Pidman("down").ExitCode);
    }
}
