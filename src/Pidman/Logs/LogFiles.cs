using System.Text;
using Pidman.Exceptions;
using Pidman.Os.Fs;
using Pidman.PidFiles;

namespace Pidman.Logs;

/// <summary>
/// Service logs: <c>&lt;log_dir&gt;/&lt;stem&gt;.log</c> (the PID file's stem), every line begun by its <see cref="LogStamp"/>,
/// with pidman's start and stop banners among the service's lines. Every file is opened by the trust rule for files
/// (<see cref="TrustedFile"/>: never through a link, never a FIFO or another user's file) through its
/// <see cref="LogFile.IoPath"/>.
/// </summary>
internal static class LogFiles
{
    /// <summary>
    /// Appends a banner line such as <c>2026-11-27T10:00:00.000Z&#9;--- pidman: started web (PID 42) ---</c>, marked as
    /// pidman's by its stamp (<see cref="LogStamp.OfBanner"/>), not by its words.
    /// </summary>
    /// <exception cref="PidmanException">The log breaks the trust rule, or cannot be written (a full disk); the message names it.</exception>
    internal static void AppendBanner(LogFile log, string text) =>
        TrustedFile.Append(log.IoPath, log.Path, Encoding.UTF8.GetBytes($"{LogStamp.OfBanner(DateTime.UtcNow)}{BannerText(text)}\n"));

    private const string BannerOpening = "--- pidman: ";

    private static string BannerText(string text) => $"{BannerOpening}{text} ---";

    /// <summary>
    /// Waits until the line stamper has appended the service's last lines to <paramref name="log"/> (<see cref="LineStamper.WaitForDrain"/>):
    /// a banner written next comes after them, and a failure tail read next holds them.
    /// </summary>
    internal static void WaitForDrain(LogFile log) => LineStamper.WaitForDrain(log.IoPath, LineStamper.DrainWait);

    /// <summary>The banner a start writes before it spawns (<c>TIME --- pidman: starting web: CMD ---</c>).</summary>
    public static string StartingBanner(PidFileName name, string command) => $"starting {name}: {command}";

    internal static bool IsStartingBanner(LogLine line) => line.IsBanner && line.Text.StartsWith(BannerOpening + "starting ", StringComparison.Ordinal);

    /// <summary>
    /// The last <paramref name="count"/> lines the current (last started) run wrote, without stamps and banners: what a
    /// failure report shows, without the lines of earlier runs when this one wrote fewer.
    /// </summary>
    public static IReadOnlyList<string> CurrentRunTail(LogFile log, int count)
    {
        var lines = Tail(log, count + 2).Select(LogStamp.Split).ToList(); // room for the run's start and end banners
        int start = lines.FindLastIndex(IsStartingBanner);
        return lines.Skip(start + 1).Where(l => !l.IsBanner).Select(l => l.Text).TakeLast(count).ToList();
    }

    /// <summary>The rotated logs of <paramref name="log"/>, newest first (<c>web.log.1</c>, <c>web.log.2</c>, ...), up to the first missing number.</summary>
    public static IEnumerable<LogFile> Rotated(LogFile log)
    {
        for (int i = 1; Exists(log.Rotated(i)); i++) yield return log.Rotated(i);
    }

    private static bool Exists(LogFile log) => new FileInfo(log.IoPath) is { Exists: true } or { LinkTarget: not null };

    /// <summary>The last <paramref name="count"/> lines of a log, reaching into its rotated files when it holds fewer.</summary>
    public static IReadOnlyList<string> TailAcrossRotations(LogFile log, int count) => TailAcrossRotations(log, count, out _);

    /// <summary>As <see cref="TailAcrossRotations(LogFile, int)"/>; <paramref name="readTo"/> is where the log's end was when it was read.</summary>
    public static IReadOnlyList<string> TailAcrossRotations(LogFile log, int count, out long readTo)
    {
        var lines = new List<string>(Tail(log, count, out readTo));
        foreach (var older in Rotated(log))
        {
            if (lines.Count >= count) break;
            lines.InsertRange(0, Tail(older, count - lines.Count));
        }
        return lines;
    }

    /// <summary>A log line longer than this is cut (<see cref="Cut"/>) wherever logs are read: memory stays bounded whatever a service writes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary><paramref name="line"/>, or its first <see cref="MaxLineBytes"/> characters and <c>…</c> when it is longer.</summary>
    internal static string Cut(string line) => line.Length > MaxLineBytes ? line[..MaxLineBytes] + "…" : line;

    /// <summary>
    /// The last <paramref name="count"/> lines of a file, read from its end in growing chunks, never more than
    /// <paramref name="count"/> + 1 times <see cref="MaxLineBytes"/> (a 3 GB log without a newline costs ~1 MiB).
    /// </summary>
    /// <exception cref="PidmanException">The file breaks the trust rule (a link, a FIFO, another user's).</exception>
    public static IReadOnlyList<string> Tail(LogFile log, int count) => Tail(log, count, out _);

    /// <inheritdoc cref="Tail(LogFile, int)"/>
    /// <param name="log">The log.</param>
    /// <param name="count">How many lines.</param>
    /// <param name="readTo">Where the file ended when it was read: a follow that goes on from there misses no line and repeats none.</param>
    public static IReadOnlyList<string> Tail(LogFile log, int count, out long readTo)
    {
        readTo = 0;
        using var stream = OpenForReading(log);
        if (stream is null) return [];
        long length = readTo = stream.Length;
        if (count <= 0) return [];
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
                return lines.TakeLast(count).Select(Cut).ToList();
            chunk = (int)Math.Min(budget, (long)chunk * 4);
        }
    }

    /// <summary>Opens <paramref name="log"/> for reading by the trust rule; null when it does not exist.</summary>
    /// <exception cref="PidmanException">It breaks the rule; the message names it and says why.</exception>
    internal static FileStream? OpenForReading(LogFile log)
    {
        var stream = TrustedFile.OpenForReading(log.IoPath, log.Path, out string problem);
        return stream is null && problem.Length > 0 ? throw new PidmanException(problem) : stream;
    }
}
