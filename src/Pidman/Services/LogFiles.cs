using System.Text;
using Pidman.PidFiles;
using Pidman.Processes;

namespace Pidman.Services;

/// <summary>
/// Service logs: <c>&lt;log_dir&gt;/&lt;stem&gt;.log</c> (the PID file's stem), every line begun by its <see cref="LogStamp"/>,
/// with pidman's start and stop banners among the service's lines.
/// </summary>
public static class LogFiles
{
    /// <summary>The log of one instance: <c>web.log</c>, <c>worker2_web.log</c>.</summary>
    public static string PathFor(string logDirectory, PidFileName name) => Path.Combine(logDirectory, name.Stem + ".log");

    /// <summary>True for a banner line (its stamp removed) written by <see cref="Banner"/> rather than by the service.</summary>
    public static bool IsBanner(string text) => text.StartsWith("--- ", StringComparison.Ordinal);

    /// <summary>Appends a banner line such as <c>2026-11-27T10:00:00.000Z --- pidman: started web (PID 42) ---</c>.</summary>
    public static void Banner(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TrustedPath.AppendNoFollow(path, Encoding.UTF8.GetBytes($"{LogStamp.Of(DateTime.UtcNow)}--- pidman: {text} ---\n"));
    }

    /// <summary>
    /// Appends the banner that ends a run (stopped, exited during start) once the line stamper has appended the service's
    /// last lines (<see cref="LineStamper.WaitForDrain"/>): the banner comes after them, and a failure tail read next holds them.
    /// </summary>
    public static void EndOfRunBanner(string path, string text)
    {
        LineStamper.WaitForDrain(path, LineStamper.DrainWait);
        Banner(path, text);
    }

    /// <summary>The banner a start writes before it spawns (<c>TIME --- pidman: starting web: CMD ---</c>).</summary>
    public static string StartingBanner(PidFileName name, string command) => $"starting {name}: {command}";

    private static bool IsStartingBanner(string text) => IsBanner(text) && text.Contains(" pidman: starting ", StringComparison.Ordinal);

    /// <summary>
    /// The last <paramref name="count"/> lines the current (last started) run wrote, without stamps and banners: what a
    /// failure report shows, without the lines of earlier runs when this one wrote fewer.
    /// </summary>
    public static IReadOnlyList<string> CurrentRunTail(string path, int count)
    {
        var lines = Tail(path, count + 2).Select(LogStamp.Strip).ToList(); // room for the run's start and end banners
        int start = lines.FindLastIndex(IsStartingBanner);
        return lines.Skip(start + 1).Where(l => !IsBanner(l)).TakeLast(count).ToList();
    }

    /// <summary>
    /// Rotates the log at <paramref name="path"/> when it has reached <paramref name="maxBytes"/>: <c>.1</c> .. <c>.N-1</c>
    /// move up one, the log is copied to <c>.1</c>, then truncated in place. Copy-then-truncate because the line stamper (or,
    /// without one, the service) holds the log open (O_APPEND) and keeps writing to it: a rename would leave it writing to
    /// <c>.1</c>. What is written between the copy and the truncation is lost (a few milliseconds' worth at most). True when it rotated.
    /// </summary>
    public static bool RotateIfLarge(string path, long maxBytes, int keep)
    {
        var info = new FileInfo(path);
        if (maxBytes <= 0 || !info.Exists || info.Length < maxBytes) return false;
        File.Delete($"{path}.{keep}");
        for (int i = keep - 1; i >= 1; i--)
            if (File.Exists($"{path}.{i}")) File.Move($"{path}.{i}", $"{path}.{i + 1}", overwrite: true);
        if (keep >= 1) File.Copy(path, $"{path}.1", overwrite: true);
        using (var log = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) log.SetLength(0);
        return true;
    }

    /// <summary>The rotated logs of <paramref name="path"/>, newest first (<c>web.log.1</c>, <c>web.log.2</c>, ...).</summary>
    public static IEnumerable<string> Rotated(string path)
    {
        for (int i = 1; File.Exists($"{path}.{i}"); i++) yield return $"{path}.{i}";
    }

    /// <summary>The last <paramref name="count"/> lines of a log, reaching into its rotated files when it holds fewer.</summary>
    public static IReadOnlyList<string> TailAcrossRotations(string path, int count)
    {
        var lines = new List<string>(Tail(path, count));
        foreach (string older in Rotated(path))
        {
            if (lines.Count >= count) break;
            lines.InsertRange(0, Tail(older, count - lines.Count));
        }
        return lines;
    }

    /// <summary>A log line longer than this is cut (with <c>…</c>) by <see cref="Tail"/>: memory stays bounded whatever a service writes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>
    /// The last <paramref name="count"/> lines of a file, read from its end in growing chunks, never more than
    /// <paramref name="count"/> + 1 times <see cref="MaxLineBytes"/> (a 3 GB log without a newline costs ~1 MiB).
    /// </summary>
    public static IReadOnlyList<string> Tail(string path, int count)
    {
        if (count <= 0 || !File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = stream.Length;
        long budget = Math.Min(length, (count + 1L) * MaxLineBytes);
        int chunk = (int)Math.Min(budget, Math.Max(4096, (long)count * 256));
        while (true)
        {
            stream.Position = length - chunk;
            var buffer = new byte[chunk];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            // Unless the chunk starts the file, its first line is partial: only more than count lines will do.
            if (lines.Count > count || chunk == length || chunk == budget)
                return lines.TakeLast(count).Select(l => l.Length > MaxLineBytes ? l[..MaxLineBytes] + "…" : l).ToList();
            chunk = (int)Math.Min(budget, (long)chunk * 4);
        }
    }

    /// <summary>
    /// Calls <paramref name="onLine"/> for every line appended to <paramref name="paths"/> from now on, until cancelled, in
    /// the order the lines arrive: inotify (FileSystemWatcher) wakes the reader at each write and the files are read in the
    /// order their writes were seen, so two services writing in turn come out in turn. A scan every 200 ms catches what a
    /// watcher may miss (an overflowed queue, a file created later).
    /// </summary>
    public static async Task FollowAsync(IReadOnlyList<string> paths, Action<string, string> onLine, CancellationToken cancellationToken)
    {
        var positions = paths.ToDictionary(p => p, p => File.Exists(p) ? new FileInfo(p).Length : 0L);
        var partial = paths.ToDictionary(p => p, _ => "");
        var changed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var wake = new SemaphoreSlim(0);
        var watched = paths.ToHashSet(StringComparer.Ordinal);
        var watchers = paths.Select(Path.GetDirectoryName).OfType<string>().Distinct().Where(Directory.Exists).Select(directory =>
        {
            var watcher = new FileSystemWatcher(directory) { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.FileName };
            void OnChange(object? sender, FileSystemEventArgs e)
            {
                if (!watched.Contains(e.FullPath)) return;
                changed.Enqueue(e.FullPath);
                wake.Release();
            }
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.EnableRaisingEvents = true;
            return watcher;
        }).ToList();
        try
        {
            void ReadNew(string path)
            {
                if (!File.Exists(path)) return;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < positions[path]) positions[path] = 0; // truncated (rotated) or replaced
                if (stream.Length == positions[path]) return;
                stream.Position = positions[path];
                var buffer = new byte[stream.Length - positions[path]];
                stream.ReadExactly(buffer);
                positions[path] = stream.Length;
                var lines = (partial[path] + Encoding.UTF8.GetString(buffer)).Split('\n');
                partial[path] = lines[^1];
                foreach (var line in lines[..^1]) onLine(path, line);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                bool woken;
                try
                {
                    woken = await wake.WaitAsync(200, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                if (woken)
                    while (changed.TryDequeue(out var path)) ReadNew(path);
                else
                    foreach (var path in paths) ReadNew(path);
            }
        }
        finally
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }
}
