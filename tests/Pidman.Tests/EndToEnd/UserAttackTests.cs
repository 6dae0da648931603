using System.Globalization;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>What another local user plants - processes with our variables, records in a shared directory - never steers pidman.</summary>
public sealed class UserAttackTests(ThrowawayUsers users) : ProjectTest, IClassFixture<ThrowawayUsers>
{
    /// <summary>Starts <paramref name="command"/> as <paramref name="user"/> in a session of its own; returns its PID once it runs.</summary>
    private int StartAs(string user, params string[] command)
    {
        // A folder every user may write its marker to (sticky, like /tmp).
        string markers = Path.Combine(_dir.Path, "markers");
        Directory.CreateDirectory(markers);
        File.SetUnixFileMode(markers, (UnixFileMode)Convert.ToInt32("1777", 8));
        string pidFile = Path.Combine(markers, $"{user}-{Guid.NewGuid():N}.started");
        var runner = _procs.Start("runuser", ["-u", user, "--", "sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile, .. command]);
        Wait.Until(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), $"{user}'s process");
        int pid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        _started.Add(pid);
        _ = runner;
        return pid;
    }

    private readonly List<int> _started = [];

    public override void Dispose()
    {
        foreach (int pid in _started) _procs.Start("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        base.Dispose();
    }

    [Fact]
    public void Start_does_not_adopt_another_user_s_process_that_carries_our_variables()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        // As if our own last start of web had been killed mid-way: the one case in which start looks for orphans.
        Directory.CreateDirectory(Path.Combine(_dir.PidDir, ".pidman"));
        File.WriteAllText(Path.Combine(_dir.PidDir, ".pidman", "web.spawning"), "");
        int foreign = StartAs(users.Attacker, "env", $"PIDMAN_PID_DIR={_dir.PidDir}", "PIDMAN_SERVICE=web", "PIDMAN_TYPE=process", "setsid", "sleep", "100001");

        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("adopted", start.Stdout);
        int ours = PidOf("web");
        Assert.NotEqual(foreign, ours);
        Assert.Equal("sleep\0100000\0", ProcInfo.CommandLine(ours));
        Assert.True(ProcInfo.IsAlive(foreign)); // never signalled either
    }

    [Fact]
    public void A_forged_identity_record_in_a_shared_directory_does_not_make_a_stop_signal_its_target()
    {
        // A shared PID directory anyone may add files to (sticky, like /tmp): it passes the trust rule.
        string shared = Path.Combine(_dir.Path, "shared");
        Directory.CreateDirectory(Path.Combine(shared, ".pidman"));
        foreach (var d in new[] { _dir.Path, shared, Path.Combine(shared, ".pidman") })
            File.SetUnixFileMode(d, (UnixFileMode)Convert.ToInt32(d == _dir.Path ? "755" : "1777", 8));

        int victims = StartAs(users.Victim, "setsid", "sleep", "100002");
        string stat = File.ReadAllText($"/proc/{victims}/stat");
        string startTime = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        string bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        string record = $"{{\"pid\":{victims},\"start_time\":{startTime},\"boot_id\":\"{bootId}\",\"service\":\"editor\",\"type\":\"process\",\"owner_uid\":{ThrowawayUsers.Uid(users.Victim)},\"written_at\":\"2026-01-01T00:00:00+00:00\"}}";
        var plant = _procs.Start("runuser", "-u", users.Attacker, "--", "sh", "-c",
            $"echo {victims} > '{shared}/editor.pid' && printf '%s' '{record}' > '{shared}/.pidman/editor.json'");
        plant.WaitForExit();
        Assert.True(plant.ExitCode == 0, plant.StandardError.ReadToEnd());

        // From a folder the victim may enter: the test's own working directory may be a private (0700) clone.
        var stop = _procs.Start("runuser", "-u", users.Victim, "--", "sh", "-c", $"cd '{_dir.Path}' && exec '{users.Pidman}' --dir '{shared}' stop --all");
        string output = stop.StandardOutput.ReadToEnd() + stop.StandardError.ReadToEnd();
        stop.WaitForExit();
        Assert.True(ProcInfo.IsAlive(victims), $"the victim's own process was signalled: {output}");
        Assert.Contains("is not vouched for by an identity record of pidman's", output); // the forged one counts for nothing
        Assert.Contains("not signalled", output);
    }

    [Fact]
    public void The_supervisor_works_from_a_project_two_hundred_characters_deep()
    {
        string deep = _dir.Path;
        while (deep.Length < 200) deep = Path.Combine(deep, "a-rather-long-folder-name");
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "pidman.toml"), "[services.web]\ncommand = \"sleep 100000\"\n");
        Assert.True(Path.Combine(deep, "local", "pid", ".pidman", "supervisor.sock").Length > 108);

        var up = PidmanCli.RunRaw(["up", "-d"], cwd: deep);
        Assert.True(up.ExitCode == 0, up.ToString());
        Wait.Until(() => File.Exists(Path.Combine(deep, "local", "pid", "web.pid")), "web.pid");
        var status = PidmanCli.RunRaw(["status", "web", "--json"], cwd: deep);
        Assert.Equal(0, status.Json.GetProperty("entries")[0].GetProperty("restarts").GetInt32()); // the supervisor's view
        var down = PidmanCli.RunRaw(["down"], cwd: deep);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("supervisor (PID", down.Stdout);
    }
}
