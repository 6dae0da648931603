using System.Globalization;
using System.Runtime.InteropServices;
using Pidman.Exceptions;
using Pidman.Projects;

namespace Pidman.Cli.Rendering;

/// <summary>
/// <c>status --watch</c>: a full-screen table refreshed every second, on the terminal's alternate screen
/// (plain ANSI: the screen is one table, redrawn whole). <c>q</c> or Ctrl-C quits and restores the terminal.
/// </summary>
internal static class WatchView
{
    private const string EnterAlternateScreen = "\u001b[?1049h\u001b[?25l";
    private const string LeaveAlternateScreen = "\u001b[?25h\u001b[?1049l";
    private const string Home = "\u001b[H\u001b[2J";

    public static async Task<int> RunAsync(string title, Func<CancellationToken, Task<IReadOnlyList<StatusRow>>> collect, bool color, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || Console.IsInputRedirected)
            throw new PidmanInputException("--watch needs a terminal; use 'pidman status --json' from scripts");
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; quit.Cancel(); });
        var keys = Task.Run(() =>
        {
            while (!quit.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    Thread.Sleep(50); // key polling; Console has no awaitable key read
                    continue;
                }
                if (Console.ReadKey(intercept: true).KeyChar is 'q' or 'Q') quit.Cancel();
            }
        });

        Console.Out.Write(EnterAlternateScreen);
        try
        {
            var previous = new Dictionary<(string, string, int), (TimeSpan Cpu, DateTime At)>();
            while (!quit.IsCancellationRequested)
            {
                var rows = await collect(quit.Token).ConfigureAwait(false);
                var now = DateTime.UtcNow;
                bool ports = rows.Any(r => r.Ports is not null);
                var table = new Table(["SERVICE", "TYPE", "STATE", "PID", "UPTIME", "CPU%", "RSS", "HEALTH", "RESTARTS", .. ports ? new[] { "PORTS" } : []]);
                var sample = new Dictionary<(string, string, int), (TimeSpan, DateTime)>();
                foreach (var row in rows)
                {
                    var e = row.Entry;
                    string cpu = "-";
                    if (e.Pid is int pid && e.CpuTime is { } used)
                    {
                        var key = (e.Service, e.Type, pid);
                        sample[key] = (used, now);
                        if (previous.TryGetValue(key, out var before) && now > before.At)
                            cpu = (100 * (used - before.Cpu).TotalSeconds / (now - before.At).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
                    }
                    string state = e.State.ToString().ToLowerInvariant();
                    string[] plain =
                    [
                        e.Service, e.Type, state, e.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", Format.Duration(e.Uptime), cpu, Format.Memory(e), Format.Health(row), Format.Restarts(row),
                        .. ports ? new[] { Format.Ports(row) } : [],
                    ];
                    string[] styled = (string[])plain.Clone();
                    styled[2] = Style.ForState(e.State, state, color);
                    table.Add(plain, styled);
                }
                previous = sample;
                Console.Out.Write($"{Home}{title}   {DateTime.Now:HH:mm:ss}   (q or Ctrl-C to quit)\n\n{table.Render()}\n");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), quit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            Console.Out.Write(LeaveAlternateScreen);
            quit.Cancel();
            await keys.ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }
}
