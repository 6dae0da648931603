using System.Text.Json;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

public sealed class RegisterTests : ProcessTest
{
    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Bad_names_exit_2_with_a_clear_message_and_write_nothing(string name)
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        var result = PidmanCli.Run(_dir.PidDir, "register", name, "--pid", sleeper.Pid());
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("invalid service name", result.Stderr);
        Assert.Empty(PidFilesIn(_dir.PidDir));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999")]
    [InlineData("99999999999")]
    public void Bad_pid_values_exit_2_and_write_nothing(string pid)
    {
        var result = PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", pid);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("pid", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(PidFilesIn(_dir.PidDir));
    }

    [Fact]
    public void Register_writes_the_bare_pid_and_status_shows_it_verified()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "web_server", "--pid", sleeper.Pid()).ExitCode);
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "web_server", "--pid", sleeper.Pid(), "--type", "tmux").ExitCode);

        Assert.Equal($"{sleeper.Id}\n", File.ReadAllText(_dir.File("web_server.pid")));
        Assert.Equal($"{sleeper.Id}\n", File.ReadAllText(_dir.File("tmux_web_server.pid")));

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json", "web_server");
        Assert.Equal(0, status.ExitCode);
        var entries = status.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("running", e.GetProperty("state").GetString());
            Assert.Equal("verified", e.GetProperty("reason").GetString());
            Assert.Equal(sleeper.Id, e.GetProperty("pid").GetInt32());
            Assert.Equal("sleep 1000", e.GetProperty("command").GetString());
        });
        Assert.Equal(["process", "tmux"], entries.Select(e => e.GetProperty("type").GetString()).Order());

        var pid = PidmanCli.Run(_dir.PidDir, "pid", "web_server");
        Assert.Equal(0, pid.ExitCode);
        Assert.Equal(sleeper.Id.ToString(), pid.Stdout.Trim());
        Assert.Equal("web_server", PidmanCli.Run(_dir.PidDir, "list").Stdout.Trim());
    }

    [Fact]
    public void A_file_name_claimed_by_another_service_and_type_is_refused()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid(), "--type", "tmux").ExitCode);
        // Service "tmux_web" of type process maps to the same file name, tmux_web.pid.
        var clash = PidmanCli.Run(_dir.PidDir, "register", "tmux_web", "--pid", sleeper.Pid());
        Assert.Equal(1, clash.ExitCode);
        Assert.Contains("already belongs to web (tmux)", clash.Stderr);
    }

    [Fact]
    public void A_pid_with_no_process_is_refused()
    {
        var gone = _procs.Start("true");
        gone.WaitForExit();
        var result = PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", gone.Pid());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no running process", result.Stderr);
    }

    [Fact]
    public void Pid_of_a_defined_service_that_is_not_running_exits_3_and_of_an_unknown_one_2()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), "[services.web]\ncommand = \"sleep 1000\"\n");
        Assert.Equal(3, PidmanCli.RunRaw(["pid", "web"], cwd: _dir.Path).ExitCode);
        Assert.Equal(3, PidmanCli.RunRaw(["status", "web"], cwd: _dir.Path).ExitCode);
        Assert.Equal(2, PidmanCli.RunRaw(["pid", "nothing"], cwd: _dir.Path).ExitCode);
        Assert.Equal(2, PidmanCli.RunRaw(["status", "nothing"], cwd: _dir.Path).ExitCode);
    }

    [Fact]
    public void Unregister_removes_the_file_without_signalling()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid());
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "unregister", "web").ExitCode);
        Assert.False(File.Exists(_dir.File("web.pid")));
        Assert.True(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public void Fifty_parallel_registers_of_distinct_services_give_fifty_exact_files()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        var results = Enumerable.Range(1, 50).AsParallel().WithDegreeOfParallelism(16)
            .Select(i => PidmanCli.Run(_dir.PidDir, "register", $"svc{i}", "--pid", sleeper.Pid()))
            .ToList();
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var files = PidFilesIn(_dir.PidDir);
        Assert.Equal(50, files.Count);
        Assert.All(files, f => Assert.Equal($"{sleeper.Id}\n", File.ReadAllText(f)));
        var status = PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(50, status.Json.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public void Output_has_no_colour_when_not_a_terminal_and_json_has_the_documented_fields()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid());
        var table = PidmanCli.Run(_dir.PidDir, "status");
        Assert.DoesNotContain("\u001b[", table.Stdout);
        Assert.Contains("SERVICE", table.Stdout);
        var entry = PidmanCli.Run(_dir.PidDir, "status", "--json").Json.GetProperty("entries")[0];
        foreach (var field in new[] { "service", "type", "pid", "state", "reason", "file", "path", "verified", "removed", "started_at", "uptime_seconds", "rss_bytes", "command" })
            Assert.True(entry.TryGetProperty(field, out _), $"missing JSON field {field}");
        Assert.Equal("web.pid", entry.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("rss_bytes").ValueKind);
    }

    [Fact]
    public void Pidman_without_a_verb_prints_its_usage_and_exits_2()
    {
        var bare = PidmanCli.RunRaw([], cwd: _dir.Path);
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("Usage:", bare.Stdout);
        Assert.Contains("status", bare.Stdout);
    }

    internal static List<string> PidFilesIn(string dir) =>
        Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir, "*.pid").ToList() : [];
}
