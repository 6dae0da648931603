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
/// And, when the starts' results are handed in too (<see cref="TellsStarts"/>), they never come before the news of
/// their start: the lines after a start's banner are held until that start's result (<see cref="RunNews.Started"/>) is
/// printed - or, should none come, for <see cref="StartWait"/> at most.
/// </remarks>
/// <param name="logs">The logs to follow, asked again at every scan.</param>
/// <param name="onLine">Called with the log's path and each whole line.</param>
internal sealed class LogFollow(Func<IReadOnlyList<LogFile>> logs, Action<string, string> onLine)
{
    private IReadOnlyDictionary<string, long>? _startAt;
    private readonly Dictionary<string, Followed> _followed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _changed = new();
    private readonly ConcurrentQueue<Said> _said = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private int _rescan; // 1: the next scan reads every log (a watcher lost events)

    /// <summary>Milliseconds between scans for new logs and for what no event tells of.</summary>
    private const int ScanEvery = 200;

    /// <summary>Every start's result will be handed to <see cref="After"/> (the foreground <c>up</c>; not <c>logs -f</c>).</summary>
    internal bool TellsStarts { get; init; }

    /// <summary>How long the lines after a start's banner wait for the start's result before they are shown anyway.</summary>
    internal static readonly TimeSpan StartWait = TimeSpan.FromSeconds(2);

    /// <summary>Something said about <see cref="Log"/>'s service (null: about none), printed once the log is read up to it.</summary>
    private readonly record struct Said(LogFile? Log, RunNews News, Action Print);

    /// <summary>
    /// Has <paramref name="print"/> called on the follow's loop, in turn with the others, once <paramref name="log"/> (if
    /// any) has been read to its end; for <see cref="RunNews.Ended"/>, after its line stamper has appended the run's last
    /// lines (<see cref="LogFiles.WaitForDrain"/>, bounded); for <see cref="RunNews.Started"/>, before the lines of the run
    /// its start began. Calls made before the follow is cancelled are all printed.
    /// </summary>
    internal void After(LogFile? log, RunNews news, Action print)
    {
        _said.Enqueue(new Said(log, news, print));
        _wake.Release();
    }

    /// <summary>
    /// Watches the folders of the logs there now. Called before a history read (<see cref="RunAsync(IReadOnlyDictionary{string, long}, CancellationToken)"/>
    /// then begins where it ended), every write after that read is an event, read in turn with the others: a catch-up
    /// read in a fixed order at the start would print two writes made just after the history the wrong way round.
    /// </summary>
    public void WatchNow()
    {
        foreach (var log in logs()) Watch(Path.GetDirectoryName(log.Path));
    }

    /// <summary>
    /// Follows from where a history read ended in the logs there now (<paramref name="startAt"/>, by <see cref="LogFile.Path"/>;
    /// a log not named begins at its current end), until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task RunAsync(IReadOnlyDictionary<string, long> startAt, CancellationToken cancellationToken)
    {
        _startAt = startAt;
        return RunAsync(cancellationToken);
    }

    /// <summary>Follows until <paramref name="cancellationToken"/> is cancelled; what was handed to <see cref="After"/> by then is printed before it returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            ReadAll(Discover(fromStart: false));
            long nextScan = Environment.TickCount64 + ScanEvery;
            while (!cancellationToken.IsCancellationRequested)
            {
                bool woken;
                try
                {
                    woken = await _wake.WaitAsync((int)Math.Clamp(nextScan - Environment.TickCount64, 0, ScanEvery), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                while (_changed.TryDequeue(out var path))
                {
                    if (!_followed.ContainsKey(path)) ReadAll(Discover(fromStart: true));
                    if (_followed.TryGetValue(path, out var log)) log.ReadNew(onLine);
                }
                if (!woken || Environment.TickCount64 >= nextScan)
                {
                    // The scan (on its own clock, however busy the events) reads what no event will tell of: new logs,
                    // logs without a watcher, and every log once after a watcher lost events. Not every log each time:
                    // one read in a fixed order, just before the events of two writes arrived, would print them the
                    // wrong way round.
                    ReadAll(Discover(fromStart: true));
                    bool all = Interlocked.Exchange(ref _rescan, 0) == 1;
                    foreach (var log in _followed.Values)
                        if (all || !log.Watched) log.ReadNew(onLine);
                    nextScan = Environment.TickCount64 + ScanEvery;
                }
                PrintSaid();
                foreach (var log in _followed.Values) log.ReleaseIfWaitedOut(onLine);
            }
            PrintSaid();
            foreach (var log in _followed.Values) log.ReleaseRun(onLine);
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
            Followed? log = null;
            if (said.Log is { } about)
            {
                if (said.News == RunNews.Ended) LogFiles.WaitForDrain(about);
                if (!_followed.ContainsKey(about.Path)) ReadAll(Discover(fromStart: true));
                if (_followed.TryGetValue(about.Path, out log)) log.ReadNew(onLine);
            }
            said.Print();
            if (said.News == RunNews.Started) log?.ReleaseRun(onLine);
        }
    }

    private void ReadAll(List<Followed> toRead)
    {
        foreach (var log in toRead) log.ReadNew(onLine);
    }

    /// <summary>
    /// Follows the logs not followed yet, each folder watched before a length is taken, so that every write after it is
    /// an event. Returns those to read now: the new ones, and followed ones whose folder has only now appeared (what they
    /// gained before the watch began no event will tell).
    /// </summary>
    private List<Followed> Discover(bool fromStart)
    {
        var toRead = new List<Followed>();
        foreach (var followed in _followed.Values)
            if (!followed.Watched && (followed.Watched = Watch(Path.GetDirectoryName(followed.Path)))) toRead.Add(followed);
        foreach (var log in logs())
        {
            if (_followed.ContainsKey(log.Path)) continue;
            string? folder = Path.GetDirectoryName(log.Path);
            bool watchedBefore = folder is not null && _watchers.ContainsKey(folder);
            bool watched = Watch(folder);
            long length = 0;
            if (!fromStart && _startAt is not null && _startAt.TryGetValue(log.Path, out long given)) length = given;
            else if (!fromStart)
            {
                try { using var stream = LogFiles.OpenForReading(log); length = stream?.Length ?? 0; }
                catch (PidmanException) { continue; }
            }
            var followed = new Followed(log, holdRuns: TellsStarts) { Position = length, Watched = watched };
            _followed[log.Path] = followed;
            // Read now from its start, or from where a history read ended, when what came since is no event's: not when
            // its folder was watched before that read (WatchNow), so that every write since is an event.
            if (fromStart || !watchedBefore) toRead.Add(followed);
        }
        return toRead;
    }

    /// <summary>Watches <paramref name="folder"/> (once); false when it does not exist yet.</summary>
    private bool Watch(string? folder)
    {
        if (folder is null) return false;
        if (_watchers.ContainsKey(folder)) return true;
        if (!Directory.Exists(folder)) return false;
        var watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.FileName };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Renamed += OnChange; // a log replaced by a rename: the new name's path
        watcher.Error += (_, _) => { Interlocked.Exchange(ref _rescan, 1); _wake.Release(); };
        watcher.EnableRaisingEvents = true;
        _watchers[folder] = watcher;
        return true;
    }

    private void OnChange(object? sender, FileSystemEventArgs e)
    {
        _changed.Enqueue(e.FullPath);
        _wake.Release();
    }

    /// <summary>
    /// One followed log: how far it has been read, the unfinished line at its end, and the lines held after a start's
    /// banner until that start's result is printed (when <paramref name="holdRuns"/>: the starts are told).
    /// </summary>
    private sealed class Followed(LogFile log, bool holdRuns)
    {
        public string Path => log.Path;

        private const int MaxRead = 1 << 20;

        /// <summary>Held lines beyond this many are shown at once: a flood does not wait in memory for a late result.</summary>
        private const int MaxHeld = 10_000;

        private string _partial = "";
        private readonly Queue<string> _held = new();
        private long _holdingSince = -1; // Environment.TickCount64 when the banner was read; -1: not holding

        public long Position { get; set; }

        /// <summary>Its folder is watched: a change to it is an event, read in the order of the events.</summary>
        public bool Watched { get; set; }

        /// <summary>
        /// Reads what was appended since the last read, at most 1 MiB at a time, and hands on each whole line - holding
        /// those after a start's banner when the starts are told.
        /// </summary>
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
                    foreach (var line in lines[..^1]) Take(line, onLine);
                }
            }
            catch (PidmanException)
            {
                // replaced by something the trust rule refuses since it was listed: not read
            }
        }

        /// <summary>
        /// Shows the held lines of the run whose start was just told, up to the next start's banner (a restart's, already
        /// read), after which holding goes on.
        /// </summary>
        public void ReleaseRun(Action<string, string> onLine)
        {
            _holdingSince = -1;
            while (_holdingSince < 0 && _held.TryDequeue(out var line)) Take(line, onLine);
        }

        /// <summary>Shows the held lines when their start's result has not come within <see cref="StartWait"/>.</summary>
        public void ReleaseIfWaitedOut(Action<string, string> onLine)
        {
            if (_holdingSince >= 0 && Environment.TickCount64 - _holdingSince > StartWait.TotalMilliseconds) ReleaseRun(onLine);
        }

        private void Take(string line, Action<string, string> onLine)
        {
            if (_holdingSince >= 0)
            {
                _held.Enqueue(line);
                if (_held.Count >= MaxHeld) ReleaseRun(onLine);
                return;
            }
            onLine(log.Path, line);
            // The stamp is parsed only for a line marked as a banner: not twice for every line of a busy service.
            if (holdRuns && LogStamp.MarksBanner(line) && LogFiles.IsStartingBanner(LogStamp.Split(line))) _holdingSince = Environment.TickCount64;
        }
    }
}
