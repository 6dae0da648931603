using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary><c>status --watch</c> in a real terminal: a tmux pane of the test's own server, read with capture-pane.</summary>
public sealed class WatchTests : ProjectTest
{
    private readonly TmuxClient _terminal = new("pidman-watch-" + Guid.NewGuid().ToString("N")[..8]);

    public override void Dispose()
    {
        _terminal.KillServer();
        base.Dispose();
    }

    private (int ExitCode, string Stdout) Tmux(params string[] args) => _terminal.Run(args);

    private string Screen() => Tmux("capture-pane", "-p", "-t", "=terminal:").Stdout;

    [NeedsToolsFact("tmux")]
    public void The_live_view_shows_services_with_cpu_and_quits_on_q_restoring_the_terminal()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n[services.busy]\ncommand = \"while :; do :; done\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);

        Assert.Equal(0, Tmux("new-session", "-d", "-s", "terminal", "-x", "150", "-y", "30", "-c", _dir.Path, "sh").ExitCode);
        Tmux("send-keys", "-t", "=terminal:", $"'{PidmanCli.Path}' status --watch; echo watch-exited-$?", "Enter");

        Wait.Until(() => Screen().Contains("(q or Ctrl-C to quit)") && Screen().Contains("web"), "the live table");
        // CPU % needs two samples: the busy loop shows up at close to 100 %.
        Wait.Until(() => Screen().Split('\n').Any(l => l.StartsWith("busy") && double.TryParse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5], System.Globalization.CultureInfo.InvariantCulture, out double cpu) && cpu > 20), "busy's CPU %");
        Assert.Contains("CPU%", Screen());

        Tmux("send-keys", "-t", "=terminal:", "q");
        Wait.Until(() => Screen().Contains("watch-exited-0"), "--watch to exit with 0 on q");
        Assert.DoesNotContain("(q or Ctrl-C to quit)", Screen()); // the alternate screen is gone: the terminal is restored
    }

    [NeedsToolsTheory("tmux")]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(200)]
    public void The_status_table_fits_the_real_terminal_width_one_line_per_instance(int columns)
    {
        Write("pidman.toml", "[services.web]\ncommand = \"\"\"\necho starting\nsleep 100000 # a comment long enough to be wider than any of the terminals this test opens, and then some more words, and more, so that the line, command and all, is longer than two hundred columns\n\"\"\"\n[services.db]\ncommand = \"exec sleep 100000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal(0, Tmux("new-session", "-d", "-s", "terminal", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", "20", "-c", _dir.Path, "sh").ExitCode);
        // The marker is computed by the shell, so the typed command line (still on screen until clear runs) cannot match it.
        Tmux("send-keys", "-t", "=terminal:", $"clear; COLUMNS= '{PidmanCli.Path}' status; echo status-$((6*7))", "Enter");
        Wait.Until(() => Screen().Contains("status-42"), "status to finish");
        var lines = Screen().Split('\n').SkipWhile(l => !l.StartsWith("SERVICE", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("status-42", StringComparison.Ordinal)).ToList();
        // Header and two rows, each on one screen line (a wrapped line would show up as a fourth line).
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("web ", lines[1]); // in config order
        Assert.StartsWith("db ", lines[2]);
        Assert.EndsWith("…", lines[1].TrimEnd());
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= columns, $"{l.TrimEnd().Length} > {columns}: {l}"));
    }

    [NeedsToolsFact("tmux")]
    public void Watch_refuses_when_not_on_a_terminal()
    {
        var watch = Pidman("status", "--watch");
        Assert.Equal(2, watch.ExitCode);
        Assert.Contains("--watch needs a terminal", watch.Stderr);
    }
}
