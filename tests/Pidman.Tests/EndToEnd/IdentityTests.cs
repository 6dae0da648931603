using System.Diagnostics;
using System.Text.Json.Nodes;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>PID reuse, reboots and files written by other programs.</summary>
public sealed class IdentityTests : ProcessTest
{
    private string RecordPath(string stem) => Path.Combine(_dir.PidDir, ".pidman", stem + ".json");

    private void EditRecord(string stem, string field, JsonNode value)
    {
        var record = JsonNode.Parse(File.ReadAllText(RecordPath(stem)))!;
        record[field] = value;
        File.WriteAllText(RecordPath(stem), record.ToJsonString());
    }

    [Fact]
    public void A_record_whose_start_time_no_longer_matches_is_stale_never_signalled_and_cleaned()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid());
        // As if the recorded process had died and the kernel had given its PID to this one.
        EditRecord("web", "start_time", 1);

        var dry = PidmanCli.Run(_dir.PidDir, "cleanup", "--dry-run", "--json");
        Assert.Equal("pid-reused", dry.Json.GetProperty("removed")[0].GetProperty("reason").GetString());
        Assert.True(File.Exists(_dir.File("web.pid")), "a dry run removes nothing");

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "web", "--force");
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("PID reused", stop.Stdout);
        Assert.True(ProcInfo.IsAlive(sleeper.Id), "the process now holding the PID must not be signalled");
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [Fact]
    public void A_record_from_another_boot_is_stale_and_removed_by_cleanup()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid());
        EditRecord("web", "boot_id", "00000000-0000-0000-0000-000000000000");

        var cleanup = PidmanCli.Run(_dir.PidDir, "cleanup", "--json");
        var removed = cleanup.Json.GetProperty("removed")[0];
        Assert.Equal("other-boot", removed.GetProperty("reason").GetString());
        Assert.True(removed.GetProperty("removed").GetBoolean());
        Assert.False(File.Exists(_dir.File("web.pid")));
        Assert.True(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public void Status_removes_a_stale_file_and_reports_it_once()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid());
        sleeper.Kill();
        sleeper.WaitForExit();

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.Equal(1, status.ExitCode);
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal("stale", entry.GetProperty("state").GetString());
        Assert.Equal("process-gone", entry.GetProperty("reason").GetString());
        Assert.True(entry.GetProperty("removed").GetBoolean());
        // Gone for good: with no config and no PID file left, web is no service here any more (exit 2, as for any unknown name).
        var again = PidmanCli.Run(_dir.PidDir, "status", "web");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("unknown service 'web'", again.Stderr);
    }

    [Fact]
    public void A_zombie_is_stale_not_running()
    {
        // sh starts a child blocked on a FIFO, then becomes a sleep that never waits. Once the exec is
        // done, opening the FIFO lets the child exit, and nothing reaps it: a zombie.
        string fifo = Path.Combine(_dir.Path, "fifo");
        Assert.Equal(0, _procs.Start("mkfifo", fifo).WaitForExitAndCode());
        var parent = _procs.StartShell($"cat '{fifo}' >/dev/null & echo $!; exec sleep 1000");
        int zombie = int.Parse(parent.StandardOutput.ReadLine()!);
        Wait.Until(() => File.ReadAllText($"/proc/{parent.Id}/comm").Trim() == "sleep", "the shell to exec sleep");
        using (File.OpenWrite(fifo)) { }
        Wait.Until(() => ProcInfo.State(zombie) == 'Z', "the child to become a zombie");
        Directory.CreateDirectory(_dir.PidDir);
        File.WriteAllText(_dir.File("z.pid"), $"{zombie}\n");

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json", "z");
        Assert.Equal(1, status.ExitCode);
        Assert.Equal("zombie", status.Json.GetProperty("entries")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void A_foreign_bare_file_of_a_live_process_is_running_unverified_and_kept()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Directory.CreateDirectory(_dir.PidDir);
        Assert.Equal(0, Process.Start("sh", ["-c", $"echo {sleeper.Id} > '{_dir.File("x.pid")}'"])!.WaitForExitAndCode());

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json", "x");
        Assert.Equal(0, status.ExitCode);
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal("running", entry.GetProperty("state").GetString());
        Assert.Equal("unverified", entry.GetProperty("reason").GetString());
        Assert.False(entry.GetProperty("verified").GetBoolean());

        PidmanCli.Run(_dir.PidDir, "cleanup");
        Assert.True(File.Exists(_dir.File("x.pid")));

        // The conservative check passes (it started before the file was written, same owner), so stop works.
        var stop = PidmanCli.Run(_dir.PidDir, "stop", "x");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Wait.Until(() => !ProcInfo.IsAlive(sleeper.Id), "the unverified process to stop");
    }

    [Fact]
    public void An_unverified_file_older_than_its_process_is_not_signalled_without_force()
    {
        Directory.CreateDirectory(_dir.PidDir);
        string path = _dir.File("x.pid");
        File.WriteAllText(path, "2\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-1));
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        File.WriteAllText(path, $"{sleeper.Id}\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-1)); // written long before this process existed

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "x");
        Assert.Equal(1, stop.ExitCode);
        Assert.Contains("started after the file was written", stop.Stderr);
        Assert.True(ProcInfo.IsAlive(sleeper.Id));
    }

    [Fact]
    public void A_foreign_bare_file_of_a_dead_process_is_stale_and_removed()
    {
        var gone = _procs.Start("true");
        gone.WaitForExit();
        Directory.CreateDirectory(_dir.PidDir);
        File.WriteAllText(_dir.File("x.pid"), $"{gone.Id}\n");

        var cleanup = PidmanCli.Run(_dir.PidDir, "cleanup", "--json");
        Assert.Equal("process-gone", cleanup.Json.GetProperty("removed")[0].GetProperty("reason").GetString());
        Assert.False(File.Exists(_dir.File("x.pid")));
    }

    [PerNamespacePidMaxFact]
    public void Real_pid_reuse_in_a_pid_namespace_with_a_low_pid_max_is_detected()
    {
        string machinePidMax = File.ReadAllText("/proc/sys/kernel/pid_max");
        // Linux >= 6.14 gives each PID namespace its own pid_max; 400 makes PIDs wrap after ~100 forks
        // (after wrapping, the kernel allocates from 300 up).
        string script = $$"""
            set -e
            P='{{PidmanCli.Path}}'; D='{{_dir.PidDir}}'
            echo 400 > /proc/sys/kernel/pid_max
            while :; do true & t=$!; wait $t; [ $t -gt 320 ] && break; done
            sleep 1000 & victim=$!
            "$P" --dir "$D" register victim --pid $victim
            kill $victim; wait $victim || true
            n=0
            while :; do
              sleep 1000 & q=$!
              [ $q = $victim ] && break
              kill $q; wait $q || true
              n=$((n+1)); [ $n -lt 5000 ] || { echo "no reuse after $n forks"; exit 9; }
            done
            echo "reused=$victim"
            "$P" --dir "$D" status --json victim > "$D/../status.json" || true
            "$P" --dir "$D" stop victim --force > "$D/../stop.txt" 2>&1 || true
            kill -0 $q && echo "survivor-alive"
            kill $q
            """;
        var p = _procs.Start("unshare", "--pid", "--fork", "--mount-proc", "sh", "-c", script);
        Assert.True(p.WaitForExit(60_000), "the namespace script did not finish");
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.True(p.ExitCode == 0, output);
        // The namespace's pid_max died with it; the machine's must never have changed.
        Assert.Equal(machinePidMax, File.ReadAllText("/proc/sys/kernel/pid_max"));
        Assert.Contains("reused=", output);
        Assert.Contains("survivor-alive", output);

        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "local", "status.json")))!;
        Assert.Equal("stale", (string?)status["entries"]![0]!["state"]);
        Assert.Equal("pid-reused", (string?)status["entries"]![0]!["reason"]);
    }

    [Fact]
    public void A_large_directory_is_inspected_whole_in_order_with_stale_files_removed()
    {
        // Above 64 files pidman inspects them on all cores; the result must be the same as one by one.
        var live = _procs.StartInOwnSession("sleep", "1000");
        var dead = _procs.Start("true");
        dead.WaitForExit();
        Directory.CreateDirectory(_dir.PidDir);
        for (int i = 0; i < 120; i++)
            File.WriteAllText(_dir.File($"svc{i:D3}.pid"), $"{(i % 3 == 0 ? dead.Id : live.Id)}\n");

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.Equal(1, status.ExitCode);
        var entries = status.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"svc{i:D3}"), entries.Select(e => e.GetProperty("service").GetString()));
        Assert.Equal(40, entries.Count(e => e.GetProperty("state").GetString() == "stale" && e.GetProperty("removed").GetBoolean()));
        Assert.Equal(80, entries.Count(e => e.GetProperty("state").GetString() == "running"));
        Assert.Equal(80, Directory.GetFiles(_dir.PidDir, "*.pid").Length);
    }
}
