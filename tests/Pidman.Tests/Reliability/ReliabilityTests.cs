using System.Diagnostics;
using System.Globalization;
using Pidman.Tests.EndToEnd;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.Reliability;

/// <summary>"Nothing lost, nothing left behind" under repetition, concurrency and SIGKILL of the CLI itself.</summary>
public sealed class ReliabilityTests : ProjectTest
{
    private const int Services = 10;

    public ReliabilityTests()
    {
        // Each service sleeps for a duration of its own, so its processes can be counted by command line.
        // startup_window = "0s": these cycles measure start and stop, not the 1 s early-exit watch.
        Write("pidman.toml", "[settings]\nstartup_window = \"0s\"\n" + string.Concat(Enumerable.Range(1, Services).Select(i =>
            $"[services.s{i}]\ncommand = \"exec sleep {Marker(i)}\"\n")));
    }

    private static string Marker(int service) => (4_700_000 + service).ToString(CultureInfo.InvariantCulture);

    /// <summary>Live processes of service <paramref name="i"/> anywhere on the machine.</summary>
    // By the marker anywhere in the command line: a service counts from its spawn on, while its shell still joins the
    // cgroup and before it has exec'd sleep, so a duplicate in that phase is counted too.
    private static int ProcessesOf(int i) => ProcInfo.LiveProcesses(pid => ProcInfo.CommandLine(pid)?.Contains(Marker(i), StringComparison.Ordinal) == true).Count;

    private void AssertEveryPidFileIsWhole()
    {
        foreach (var file in RegisterTests.PidFilesIn(_dir.PidDir))
        {
            string text = File.ReadAllText(file);
            Assert.True(text.Length > 1 && text[^1] == '\n' && text[..^1].All(char.IsAsciiDigit), $"{file} holds '{text}'");
        }
    }

    private void AssertCleanAfterStopAll()
    {
        var stop = Pidman("stop", "--all");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        for (int i = 1; i <= Services; i++) Assert.Equal(0, ProcessesOf(i));
    }

    [Fact]
    public void Two_hundred_start_stop_cycles_of_a_ten_service_stack_leak_nothing()
    {
        for (int cycle = 0; cycle < 200; cycle++)
        {
            var start = Pidman("start", "-q");
            Assert.True(start.ExitCode == 0, $"cycle {cycle}: {start}");
            Assert.Equal(Services, RegisterTests.PidFilesIn(_dir.PidDir).Count);
            var stop = Pidman("stop", "--all", "-q");
            Assert.True(stop.ExitCode == 0, $"cycle {cycle}: {stop}");
            Assert.Empty(RegisterTests.PidFilesIn(_dir.PidDir));
        }
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        var status = Pidman("status", "--json");
        Assert.Equal(3, status.ExitCode); // every service stopped, no stale or invalid file
        Assert.All(status.Json.GetProperty("entries").EnumerateArray(), e => Assert.Equal("stopped", e.GetProperty("state").GetString()));
    }

    [Fact]
    public void A_hundred_parallel_starts_stops_and_statuses_tear_nothing_duplicate_nothing_and_crash_nothing()
    {
        string[][] commands = [["start", "s1", "s2", "s3"], ["stop", "s1", "s2", "s3"], ["status", "s1", "s2", "s3"], ["start", "s2"], ["stop", "s3"]];
        var results = Enumerable.Range(0, 100).AsParallel().WithDegreeOfParallelism(12)
            .Select(i => (Args: commands[i % commands.Length], Result: Pidman(commands[i % commands.Length])))
            .ToList();
        foreach (var (args, result) in results)
        {
            Assert.DoesNotContain("internal error", result.Stderr);
            Assert.True(result.ExitCode is 0 or 1 or 3, $"{string.Join(' ', args)}: {result}");
            if (args[0] == "start") Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        }
        AssertEveryPidFileIsWhole();
        for (int i = 1; i <= 3; i++) Assert.True(ProcessesOf(i) <= 1, $"s{i} has {ProcessesOf(i)} processes");

        // Whatever the interleaving, one more start gives exactly one process per service.
        Assert.Equal(0, Pidman("start", "s1", "s2", "s3").ExitCode);
        for (int i = 1; i <= 3; i++) Assert.Equal(1, ProcessesOf(i));
        AssertCleanAfterStopAll();
    }

    [Fact]
    public void Sigkill_of_the_cli_during_start_and_stop_leaves_a_state_that_status_cleanup_and_start_repair()
    {
        var random = new Random(4711);
        for (int round = 0; round < 40; round++)
        {
            string[] args = round % 2 == 0 ? ["start"] : ["stop", "--all"];
            var info = new ProcessStartInfo(PidmanCli.Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var cli = Process.Start(info)!;
            var spin = Stopwatch.StartNew();
            double killAtMs = random.NextDouble() * 25;
            while (spin.Elapsed.TotalMilliseconds < killAtMs && !cli.HasExited) Thread.SpinWait(100);
            try { cli.Kill(); } catch (InvalidOperationException) { }
            cli.WaitForExit();

            AssertEveryPidFileIsWhole();
            var status = Pidman("status", "--json");
            Assert.True(status.ExitCode is 0 or 1 or 3, status.ToString()); // never invalid, never a crash
            for (int i = 1; i <= Services; i++) Assert.True(ProcessesOf(i) <= 1, $"round {round}: s{i} has {ProcessesOf(i)} processes");
        }

        var cleanup = Pidman("cleanup");
        Assert.Equal(0, cleanup.ExitCode);
        // A start killed between spawn and PID file left processes without files: start adopts them.
        var start = Pidman("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        for (int i = 1; i <= Services; i++) Assert.Equal(1, ProcessesOf(i));
        Assert.Equal(0, Pidman("status").ExitCode);
        AssertCleanAfterStopAll();
    }

    [Fact]
    public void Start_adopts_a_service_whose_starter_was_killed_before_writing_its_pid_file()
    {
        // What a pidman killed between posix_spawn and the PID file write leaves: its spawn marker, written just before
        // the spawn, and a marked session leader, but no PID file.
        Directory.CreateDirectory(Path.Combine(_dir.PidDir, ".pidman"));
        File.WriteAllText(Path.Combine(_dir.PidDir, ".pidman", "s1.spawning"), "");
        var orphan = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string>
        {
            ["PIDMAN_PID_DIR"] = _dir.PidDir, ["PIDMAN_SERVICE"] = "s1", ["PIDMAN_TYPE"] = "process",
        }, "sleep", Marker(1));
        Wait.Until(() => ProcessesOf(1) == 1, "the orphan to run");

        var start = Pidman("start", "s1");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains($"already running (PID {orphan.Id}, adopted", start.Stdout);
        Assert.Equal(1, ProcessesOf(1));
        Assert.Equal(orphan.Id, PidOf("s1"));
        Assert.False(File.Exists(Path.Combine(_dir.PidDir, ".pidman", "s1.spawning")));
        AssertCleanAfterStopAll();
    }

    [Fact]
    public void Without_a_crashed_start_a_process_carrying_our_variables_is_not_adopted()
    {
        // No spawn marker: no start died mid-way, so this process is not one of ours whatever its environment says.
        var stranger = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string>
        {
            ["PIDMAN_PID_DIR"] = _dir.PidDir, ["PIDMAN_SERVICE"] = "s1", ["PIDMAN_TYPE"] = "process",
        }, "sleep", Marker(1));
        Wait.Until(() => ProcessesOf(1) == 1, "the stranger to run");
        var start = Pidman("start", "s1");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("adopted", start.Stdout);
        Assert.NotEqual(stranger.Id, PidOf("s1"));
        Assert.True(ProcInfo.IsAlive(stranger.Id));
    }

    [Fact]
    public void The_readme_demo_passes_ten_times_in_a_row()
    {
        // examples/demo/demo.sh is what './build.sh demo' runs after publishing: a one-shot 'completed' migration among them.
        string demo = Path.Combine(Repository.Root, "examples", "demo", "demo.sh");
        for (int run = 1; run <= 10; run++)
        {
            var p = _procs.Start("sh", demo, PidmanCli.Path);
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), $"run {run} did not finish");
            Assert.True(p.ExitCode == 0, $"run {run}: exit {p.ExitCode}\n{output}");
        }
    }
}
