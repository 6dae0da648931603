using System.Diagnostics;
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
}
