using System.Diagnostics;
using System.Text.Json.Nodes;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

public sealed class CrashSafetyTests : ProcessTest
{
    [Fact]
    public void Sigkill_at_random_moments_while_writing_never_leaves_a_torn_or_empty_file()
    {
        var a = _procs.StartInOwnSession("sleep", "1000");
        var b = _procs.StartInOwnSession("sleep", "1000");
        string[] allowed = [$"{a.Id}\n", $"{b.Id}\n"];
        var random = new Random(20261127);
        string path = _dir.File("web.pid");
        int written = 0, killedBeforeWriting = 0;

        for (int i = 0; i < 200; i++)
        {
            // Alternate the PID so a write is always a real change; unregister first so the write is allowed.
            var pid = i % 2 == 0 ? a : b;
            var info = new ProcessStartInfo(PidmanCli.Path) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "--dir", _dir.PidDir, "register", "web", "--pid", pid.Pid() }) info.ArgumentList.Add(arg);
            if (File.Exists(path)) PidmanCli.Run(_dir.PidDir, "unregister", "web");
            using var cli = Process.Start(info)!;
            var spin = Stopwatch.StartNew();
            // 0-20 ms: a register takes a few ms, so some are killed before, some during and some after the write.
            double delayMs = random.NextDouble() * 20;
            while (spin.Elapsed.TotalMilliseconds < delayMs) Thread.SpinWait(50);
            try { cli.Kill(); } catch (InvalidOperationException) { }
            cli.WaitForExit();

            if (File.Exists(path))
            {
                Assert.Contains(File.ReadAllText(path), allowed);
                written++;
            }
            else
            {
                killedBeforeWriting++;
            }
        }
        // Both sides of the race were exercised: the loop would pass vacuously if no write ever happened.
        Assert.True(written > 0, "no register ever wrote web.pid");
        Assert.True(killedBeforeWriting > 0, "every register finished before the kill");

        var status = PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.True(status.ExitCode is 0 or 3, status.ToString());
        foreach (var entry in status.Json.GetProperty("entries").EnumerateArray())
            Assert.Equal("running", entry.GetProperty("state").GetString());
        // Writers killed between create and rename leave temp files in .pidman/; cleanup takes them away.
        var cleanup = PidmanCli.Run(_dir.PidDir, "cleanup", "--json");
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.PidDir, ".pidman"), "*.tmp"));
        Assert.Empty(Directory.GetFiles(_dir.PidDir, "*.tmp"));
    }

    [Fact]
    public async Task A_sweep_of_ten_thousand_stale_files_racing_fifty_registers_loses_none_of_the_new_files()
    {
        // 10,000 stale entries: each names a live process with a record from another boot, so each is read, found stale by
        // its record, and removed by the sweep (a live PID, so no PID reuse during the test can turn one into "running").
        var holder = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "template", "--pid", holder.Pid()).ExitCode);
        string state = Path.Combine(_dir.PidDir, ".pidman");
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(state, "template.json")))!.AsObject();
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "unregister", "template").ExitCode);
        template["boot_id"] = "00000000-0000-0000-0000-000000000000";
        // Bound to no file (as a record from before binding was): a template bound to its own PID file vouches for no other.
        template.Remove("pid_file_device");
        template.Remove("pid_file_inode");
        for (int i = 0; i < 10_000; i++)
        {
            template["service"] = $"x{i}";
            File.WriteAllText(Path.Combine(state, $"x{i}.json"), template.ToJsonString());
            File.WriteAllText(_dir.File($"x{i}.pid"), $"{holder.Id}\n");
        }
        var services = Enumerable.Range(0, 50).Select(i => (Name: $"new{i}", Process: _procs.StartInOwnSession("sleep", "1000"))).ToList();

        var sweep = Stopwatch.StartNew();
        var status = Task.Run(() => PidmanCli.Run(_dir.PidDir, "status", "--json"));
        var startedDuringSweep = 0;
        Parallel.ForEach(services, new ParallelOptions { MaxDegreeOfParallelism = 8 }, s =>
        {
            if (!status.IsCompleted) Interlocked.Increment(ref startedDuringSweep);
            var register = PidmanCli.Run(_dir.PidDir, "register", s.Name, "--pid", s.Process.Pid());
            Assert.True(register.ExitCode == 0, register.ToString());
        });
        var result = await status;
        Assert.True(result.ExitCode == 1, result.ToString()); // LSB: stale files were found (and removed)
        Assert.True(startedDuringSweep > 0, $"no register started while the sweep ran ({sweep.ElapsedMilliseconds} ms): the race was not exercised");

        foreach (var (name, process) in services)
            Assert.Equal($"{process.Id}\n", File.ReadAllText(_dir.File($"{name}.pid")));
        // Every stale file went (a second sweep finds what a register's interleaving left for later), and nothing per
        // removed entry stays behind in .pidman: no lock file, no record, no temp file.
        PidmanCli.Run(_dir.PidDir, "status", "--json");
        Assert.Empty(Directory.GetFiles(_dir.PidDir, "x*.pid"));
        Assert.Equal(services.Select(s => $"{s.Name}.json").Order(StringComparer.Ordinal),
            Directory.GetFiles(state).Select(Path.GetFileName).Where(n => n != ".pidman-state").Order(StringComparer.Ordinal)); // the folder's own marker is not per entry
    }
}
