using System.Collections.Concurrent;
using System.Text;
using Pidman.Exceptions;

namespace Pidman.Logs;

/// <summary>
/// Follows logs: calls the line handler (with the log's <see cref="LogFile.Path"/>) for every line appended from now on,
/// until cancelled, in the order the lines arrive: inotify (FileSystemWatcher on the logs' folders) wakes the reader at
/// each write and the files are read in the order their writes were seen, so two services writing in turn come out in
/// turn. The list of logs is asked again at every scan (every 200 ms, and when a file appears), so a log that appears
/// later - a service started after the follow began - is followed from its first line.
/// </summary>
/// <remarks>
/// Something said about a service (the supervisor's "exited with code 3") is handed in with <see cref="After"/>: it is
/// printed on the follow's own loop once that service's log has been read to its end - after the line stamper has
/// appended the run's last lines, when the run has ended - so a service's words never come after the news of its end.
/// </remarks>
/// <param name="logs">The logs to follow, asked again at every scan.</param>
/// <param name="onLine">Called with the log's path and each whole line.</param>
/// <param name="startAt">Where to begin in the logs that are there now (by <see cref="LogFile.Path"/>: where a history
/// read ended); a log not named begins at its current end.</param>
public sealed class LogFollow(Func<IReadOnlyList<LogFile>> logs, Action<string, string> onLine, IReadOnlyDictionary<string, long>? startAt = null)
{
    private readonly Dictionary<string, Followed> _followed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _changed = new();
    private readonly ConcurrentQueue<Said> _said = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);

    /// <summary>Something said about <see cref="Log"/>'s service (null: about none), printed once the log is read up to it.</summary>
    private readonly record struct Said(LogFile? Log, bool RunEnded, Action Print);

    /// <summary>
    /// Has <paramref name="print"/> called on the follow's loop, in turn with the others, once <paramref name="log"/> (if
    /// any) has been read to its end; when <paramref name="runEnded"/>, after its line stamper has appended the run's last
    /// lines (<see cref="LogFiles.WaitForDrain"/>, bounded). Calls made before the follow is cancelled are all printed.
    /// </summary>
    public void After(LogFile? log, bool runEnded, Action print)
    {
        _said.Enqueue(new Said(log, runEnded, print));
        _wake.Release();
    }

    /// <summary>Follows until <paramref name="cancellationToken"/> is cancelled; what was handed to <see cref="After"/> by then is printed before it returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            Discover(fromStart: false);
            while (!cancellationToken.IsCancellationRequested)
            {
                bool woken;
                try
                {
                    woken = await _wake.WaitAsync(200, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                if (woken)
                {
                    while (_changed.TryDequeue(out var path))
                    {
                        if (!_followed.ContainsKey(path)) Discover(fromStart: true);
                        if (_followed.TryGetValue(path, out var log)) log.ReadNew(onLine);
                    }
                }
                else
                {
                    Discover(fromStart: true);
                    foreach (var log in _followed.Values) log.ReadNew(onLine);
                }
                PrintSaid();
            }
            PrintSaid();
        }
        finally
        {
            foreach (var watcher in _watchers.Values) watcher.Dispose();
        }
    }

    private void PrintSaid()
    {
        while (_said.TryDequeue(out var said))
        {
            if (said.Log is { } about)
            {
                if (said.RunEnded) LogFiles.WaitForDrain(about);
                if (!_followed.ContainsKey(about.Path)) Discover(fromStart: true);
                if (_followed.TryGetValue(about.Path, out var log)) log.ReadNew(onLine);
            }
            said.Print();
        }
    }

    private void Discover(bool fromStart)
    {
        foreach (var log in logs())
        {
            if (_followed.ContainsKey(log.Path)) continue;
            long length = 0;
            if (!fromStart && startAt?.GetValueOrDefault(log.Path) is long given && given > 0) length = given;
            else if (!fromStart)
            {
                try { using var stream = LogFiles.OpenForReading(log); length = stream?.Length ?? 0; }
                catch (PidmanException) { continue; }
            }
            _followed[log.Path] = new Followed(log) { Position = length };
            string? folder = Path.GetDirectoryName(log.Path);
            if (folder is null || _watchers.ContainsKey(folder) || !Directory.Exists(folder)) continue;
            var watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.FileName };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.EnableRaisingEvents = true;
            _watchers[folder] = watcher;
        }
    }

    private void OnChange(object? sender, FileSystemEventArgs e)
    {
        _changed.Enqueue(e.FullPath);
        _wake.Release();
    }

    /// <summary>One followed log: how far it has been read, and the unfinished line at its end.</summary>
    private sealed class Followed(LogFile log)
    {
        private const int MaxRead = 1 << 20;
        private string _partial = "";

        public long Position { get; set; }

        /// <summary>Reads what was appended since the last read, at most 1 MiB at a time, and hands on each whole line.</summary>
        public void ReadNew(Action<string, string> onLine)
        {
            try
            {
                using var stream = LogFiles.OpenForReading(log);
                if (stream is null) return;
                if (stream.Length < Position) Position = 0; // truncated (rotated) or replaced
                var buffer = new byte[Math.Min(MaxRead, Math.Max(0, stream.Length - Position))];
                while (stream.Length > Position)
                {
                    stream.Position = Position;
                    int n = stream.Read(buffer);
                    if (n <= 0) return;
                    Position += n;
                    var lines = (_partial + Encoding.UTF8.GetString(buffer, 0, n)).Split('\n');
                    _partial = lines[^1].Length > LogFiles.MaxLineBytes ? lines[^1][..LogFiles.MaxLineBytes] : lines[^1];
                    foreach (var line in lines[..^1]) onLine(log.Path, line);
                }
            }
            catch (PidmanException)
            {
                // replaced by something the trust rule refuses since it was listed: not read
            }
        }
    }
}
