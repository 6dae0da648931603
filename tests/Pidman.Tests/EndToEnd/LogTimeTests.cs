using System.Globalization;
using System.Text.RegularExpressions;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// The line stamper between a service and its log: every line begins with the time it arrived, so <c>logs --since</c>
/// and <c>--timestamps</c> have a time for each line; a stop's banner and a failed start's tail wait for its last lines.
/// </summary>
public sealed partial class LogTimeTests : ProjectTest
{
    private string LogPath(string stem = "web") => Path.Combine(_dir.Path, "local", "log", stem + ".log");

    /// <summary>The PID in a PID file that the supervisor may be replacing meanwhile; null while there is none.</summary>
    private int? RecordedPid(string service)
    {
        try
        {
            return int.Parse(File.ReadAllText(Path.Combine(_dir.PidDir, service + ".pid")), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    private string[] LogLines(string stem = "web") => File.Exists(LogPath(stem)) ? File.ReadAllText(LogPath(stem)).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (.*)$")]
    private static partial Regex LocalTimeAndText();

    [Fact]
    public void Every_line_carries_the_time_it_was_written_and_since_and_timestamps_read_it()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"trap 'echo second' USR1; echo first; while :; do sleep 0.05; done\"\n");
        Assert.Equal(0, Pidman("start", "web").ExitCode);
        Wait.Until(() => LogLines().Any(l => l.EndsWith(" first", StringComparison.Ordinal)), "the first line in the log");
        // A cut-off between the two lines: the second is written only after it.
        var cut = DateTime.Now;
        Wait.Until(() => DateTime.Now > cut.AddMilliseconds(2), "the clock to pass the cut-off");
        System.Diagnostics.Process.Start("kill", ["-USR1", PidOf("web").ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        Wait.Until(() => LogLines().Any(l => l.EndsWith(" second", StringComparison.Ordinal)), "the second line in the log");

        Assert.All(LogLines(), l => Assert.Matches(LogText.Stamp(), l)); // the service's lines and pidman's banner alike
        Assert.Equal(["first", "second"], Pidman("logs", "web").Stdout.Split('\n').Where(l => !l.StartsWith("---", StringComparison.Ordinal) && l.Length > 0));

        var since = Pidman("logs", "web", "--since", cut.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture));
        Assert.True(since.ExitCode == 0, since.ToString());
        Assert.Equal("second\n", since.Stdout);

        var stamped = Pidman("logs", "web", "-t").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => LocalTimeAndText().Match(l)).ToList();
        Assert.All(stamped, m => Assert.True(m.Success));
        DateTime TimeOf(string text) => DateTime.ParseExact(stamped.Single(m => m.Groups[2].Value == text).Groups[1].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Assert.True(TimeOf("first") <= cut && cut < TimeOf("second"), $"first {TimeOf("first"):O}, cut {cut:O}, second {TimeOf("second"):O}");
    }

    [Fact]
    public void Since_reads_back_through_rotated_files_and_merges_services_by_time()
    {
        string Line(TimeSpan ago, string text) => (DateTime.UtcNow - ago).ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z " + text + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath())!);
        File.WriteAllText(LogPath() + ".2", "unstamped, from before stamping\n" + Line(TimeSpan.FromHours(5), "web five hours ago"));
        File.WriteAllText(LogPath() + ".1", Line(TimeSpan.FromHours(2), "web two hours ago") + Line(TimeSpan.FromMinutes(50), "web fifty minutes ago"));
        File.WriteAllText(LogPath(), Line(TimeSpan.FromMinutes(40), "web forty minutes ago") + "the rest of a line written in two pieces\n" + Line(TimeSpan.FromMinutes(1), "web a minute ago"));
        File.WriteAllText(LogPath("worker"), Line(TimeSpan.FromMinutes(45), "worker forty-five minutes ago") + Line(TimeSpan.FromMinutes(30), "worker half an hour ago"));

        var hour = Pidman("logs", "--since", "1h");
        Assert.True(hour.ExitCode == 0, hour.ToString());
        Assert.Equal(
            ["web    | web fifty minutes ago", "worker | worker forty-five minutes ago", "web    | web forty minutes ago", "web    | the rest of a line written in two pieces",
             "worker | worker half an hour ago", "web    | web a minute ago"],
            hour.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal("", hour.Stderr);

        Assert.Equal(["web a minute ago"], Pidman("logs", "web", "--since", "10m").Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal(["web forty minutes ago", "the rest of a line written in two pieces", "web a minute ago"], Pidman("logs", "web", "--since", "1h", "-n", "3").Stdout.TrimEnd('\n').Split('\n'));

        // Six hours back reaches the oldest file, whose first line has no time: left out, and said so.
        var all = Pidman("logs", "web", "--since", "6h");
        Assert.StartsWith("web five hours ago\n", all.Stdout);
        Assert.Contains("1 line(s) left out: they carry no time", all.Stderr);
    }

    [Theory]
    [InlineData("10x")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void A_since_that_is_neither_a_duration_nor_a_time_is_refused(string since)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 1\"\n");
        var logs = Pidman("logs", "web", "--since", since);
        Assert.Equal(2, logs.ExitCode);
        Assert.Contains($"invalid --since '{since}': expected a duration (10m, 1h30m, 2d) or a time", logs.Stderr);
    }

    [Fact]
    public void A_stop_banner_comes_after_everything_the_service_wrote_on_its_way_out()
    {
        // More than a pipe holds (64 KiB) at the stop: without waiting for the stamper, the banner lands in the middle.
        Write("pidman.toml", "[services.web]\ncommand = \"trap 'seq 1 30000; exit 0' TERM; echo up; while :; do sleep 0.05; done\"\n");
        Assert.Equal(0, Pidman("start", "web").ExitCode);
        Wait.Until(() => LogLines().Any(l => l.EndsWith(" up", StringComparison.Ordinal)), "the service's first line");
        Assert.Equal(0, Pidman("stop", "web").ExitCode);
        var texts = LogLines().Select(l => l[25..]).ToList();
        Assert.Equal("30000", texts[^2]);
        Assert.StartsWith("--- pidman: stopped (SIGTERM)", texts[^1]);
        Wait.Until(() => ProcInfo.StampersUnder(_dir.Path).Count == 0, "the stamper to exit with its service");
    }

    [Fact]
    public void A_failed_start_reports_the_last_lines_of_its_run_even_after_a_flood()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"seq 1 30000; echo 'cannot bind: address in use' >&2; exit 3\"\n");
        var start = Pidman("start", "web");
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("exited with code 3", start.Stderr);
        Assert.Contains("cannot bind: address in use", start.Stderr);
        Assert.Contains("30000", start.Stderr);
    }

    [Fact]
    public void Lines_a_service_writes_are_never_taken_for_pidmans_banners_whatever_they_begin_with()
    {
        // A diff header, a YAML document start and a line that copies a banner's words: all the service's. up shows
        // them, a failure's tail holds them; only what pidman wrote (marked by its stamp) is left out of both.
        string[] lines = ["--- a/app.py", "---", "--- pidman: starting web: sleep 1 ---"];
        string printf = string.Join(" ", lines.Select(l => $"'{l}'"));
        Write("pidman.toml", $"[services.job]\ncommand = \"printf '%s\\\\n' {printf}; exit 3\"\n");
        var start = Pidman("start", "job");
        Assert.Equal(1, start.ExitCode);
        foreach (var line in lines) Assert.Contains($"job | {line}\n", start.Stderr);

        var up = Pidman("up", "--exit-with", "job");
        Assert.Equal(3, up.ExitCode);
        var shown = up.Stdout.Split('\n').Where(l => l.StartsWith("job ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("| ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.StartsWith("started (PID ", shown[0]); // the supervisor's events share the prefix; the service's lines sit between
        Assert.Equal([.. lines, "exited with code 3"], shown.Skip(1).Take(lines.Length + 1));
    }

    [Fact]
    public void A_service_that_fails_at_once_has_its_words_in_the_report_every_time()
    {
        // It exits before its stamper has even started; the report must still wait for its line (without the wait,
        // most of these starts reported an empty tail).
        Write("pidman.toml", "[services.web]\ncommand = \"echo boom; exit 3\"\n");
        for (int attempt = 1; attempt <= 10; attempt++)
        {
            var start = Pidman("start", "web");
            Assert.Equal(1, start.ExitCode);
            Assert.True(start.Stderr.Contains("web | boom", StringComparison.Ordinal), $"attempt {attempt}: {start}");
        }
    }

    [Fact]
    public void A_prompt_without_a_newline_reaches_the_log_at_once_and_one_stamper_serves_a_whole_start()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"printf 'password: '; exec sleep 100000\"\n[services.worker]\ncommand = \"echo working; exec sleep 100000\"\nscale = 3\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => LogLines().Any(l => LogText.Stamp().IsMatch(l) && l.EndsWith(" password: ", StringComparison.Ordinal)), "the prompt in the log");
        foreach (int n in new[] { 1, 2, 3 })
            Wait.Until(() => LogLines($"worker{n}_worker").Any(l => LogText.Stamp().IsMatch(l) && l.EndsWith(" working", StringComparison.Ordinal)), $"worker {n}'s line");
        Assert.Single(ProcInfo.StampersUnder(_dir.Path)); // four instances, one start: one stamper

        // Another command's start gets its own; each ends with the last of its services.
        Assert.Equal(0, Pidman("restart", "web").ExitCode);
        Assert.Equal(2, ProcInfo.StampersUnder(_dir.Path).Count);
        Assert.Equal(0, Pidman("stop", "worker").ExitCode);
        Wait.Until(() => ProcInfo.StampersUnder(_dir.Path).Count == 1, "the first start's stamper to exit with its last service");
    }

    [Fact]
    public void A_supervisor_replaces_a_killed_stamper_and_its_services_log_again_after_their_restart()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"while :; do echo tick; sleep 0.05; done\"\nrestart = \"always\"\n");
        UpDetached();
        Wait.Until(() => LogLines().Count(l => l.EndsWith(" tick", StringComparison.Ordinal)) >= 2, "web's ticks");
        int stamper = Assert.Single(ProcInfo.StampersUnder(_dir.Path));
        int web = PidOf("web");

        // Its end of the pipe gone, web dies at its next write (SIGPIPE), as under supervisord; the supervisor restarts it
        // through a new stamper.
        System.Diagnostics.Process.Start("kill", ["-KILL", stamper.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        Wait.Until(() => RecordedPid("web") is int now && now != web, "web restarted");
        int ticks = LogLines().Length;
        Wait.Until(() => LogLines().Skip(ticks).Count(l => LogText.Stamp().IsMatch(l) && l.EndsWith(" tick", StringComparison.Ordinal)) >= 2, "the new run's ticks, stamped");
        Assert.NotEqual(stamper, Assert.Single(ProcInfo.StampersUnder(_dir.Path)));
        Assert.Equal(0, Pidman("down").ExitCode);
    }

    [Theory]
    [InlineData("beside", true)]
    [InlineData("missing", false)]
    [InlineData("group-writable", false)]
    public void Pidman_runs_the_stamper_binary_beside_it_only_when_it_is_there_and_as_trusted_as_itself(string stamper, bool used)
    {
        // A copy of pidman in a folder of its own, with or without pidman-stamp beside it.
        string bin = Path.Combine(_dir.Path, "bin");
        Directory.CreateDirectory(bin);
        string pidman = Path.Combine(bin, "pidman");
        BinaryCopy.Make(PidmanCli.Path, pidman);
        File.SetUnixFileMode(pidman, (UnixFileMode)Convert.ToInt32("755", 8));
        if (stamper != "missing")
        {
            BinaryCopy.Make(Path.Combine(Path.GetDirectoryName(PidmanCli.Path)!, "pidman-stamp"), Path.Combine(bin, "pidman-stamp"));
            File.SetUnixFileMode(Path.Combine(bin, "pidman-stamp"), (UnixFileMode)Convert.ToInt32(stamper == "group-writable" ? "775" : "755", 8));
        }
        Write("pidman.toml", "[services.web]\ncommand = \"echo hello; exec sleep 100000\"\n");
        var start = PidmanCli.RunRaw(["start", "web"], _dir.Path, exe: pidman);
        Assert.True(start.ExitCode == 0, start.ToString());
        Wait.Until(() => LogLines().Any(l => LogText.Stamp().IsMatch(l) && l.EndsWith(" hello", StringComparison.Ordinal)), "the stamped line");

        // Whichever runs it, it is the same stamper: argv[0] says which binary.
        var stampers = ProcInfo.StampersUnder(_dir.Path).Select(p => ProcInfo.CommandLine(p)?.Replace('\0', ' ')).ToList();
        Assert.True(stampers.Count == 1, $"one stamper expected under {_dir.Path}: {string.Join("; ", stampers)}");
        string argv0 = stampers[0]!.Split(' ')[0];
        Assert.Equal(used ? Path.Combine(bin, "pidman-stamp") : pidman, argv0);
        Assert.Equal(0, PidmanCli.RunRaw(["stop", "web"], _dir.Path, exe: pidman).ExitCode);
    }
}
