using System.Text;

namespace Pidman.Logs;

/// <summary>
/// What <c>pidman logs</c> prints before it follows: the lines of one or more logs, rotated files included, merged in
/// the order of their <see cref="LogStamp"/>s. A line without a stamp (a log written before stamping, or the rest of a
/// line written in pieces) takes the time of the stamped line before it.
/// </summary>
internal static class LogHistory
{
    /// <summary>One line of <paramref name="Log"/>: its time (null when no stamp precedes it) and its text, stamp removed.</summary>
    public sealed record Line(string Log, DateTimeOffset? Time, string Text);

    /// <summary>
    /// The lines of <paramref name="logs"/> from <paramref name="since"/> on (null: from the start), the last
    /// <paramref name="count"/> of each log (null: all), oldest first. <paramref name="untimed"/> counts the lines left
    /// out by <paramref name="since"/> because nothing says when they were written.
    /// </summary>
    /// <exception cref="Exceptions.PidmanException">A log breaks the trust rule for files (a link, a FIFO, another user's).</exception>
    /// <param name="logs">The logs.</param>
    /// <param name="count">How many lines of each, at most.</param>
    /// <param name="since">Only lines written from then on.</param>
    /// <param name="untimed">How many lines <paramref name="since"/> left out for want of a time.</param>
    /// <param name="readTo">Where each log (by <see cref="LogFile.Path"/>) ended when it was read: where a follow goes on.</param>
    public static IReadOnlyList<Line> Read(IReadOnlyList<LogFile> logs, int? count, DateTimeOffset? since, out int untimed, out IReadOnlyDictionary<string, long> readTo)
    {
        untimed = 0;
        var all = new List<Line>();
        var ends = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            long end;
            if (since is not { } from) all.AddRange(Timed(log, LogFiles.TailAcrossRotations(log, count ?? int.MaxValue, out end)));
            else if (count is int n) all.AddRange(Since(log, from, ref untimed, out end).TakeLast(n));
            else all.AddRange(Since(log, from, ref untimed, out end));
            ends[log.Path] = end;
        }
        readTo = ends;
        // Stable: one log's lines keep their order, and logs without stamps keep theirs, before the stamped ones.
        return logs.Count == 1 ? all : all.OrderBy(l => l.Time ?? DateTimeOffset.MinValue).ToList();
    }

    /// <summary>
    /// Reads a <c>--since</c>: a duration before <paramref name="now"/> (<c>10m</c>, <c>1h30m</c>) or a local date and time
    /// (<c>2026-11-27T20:00</c>, <c>2026-11-27 20:00:05</c>, <c>20:00</c> for today); false for anything else. Durations reach back ten years (<c>2d</c>, <c>36h</c>).
    /// </summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (Config.Durations.TryParse(text, TimeSpan.FromDays(3650), out var ago))
        {
            since = now - ago;
            return true;
        }
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeLocal, out since);
    }

    /// <summary>The lines of <paramref name="log"/> and its rotated files written at or after <paramref name="from"/>.</summary>
    private static List<Line> Since(LogFile log, DateTimeOffset from, ref int untimed, out long readTo)
    {
        var kept = new List<Line>();
        readTo = 0;
        foreach (var file in LogFiles.Rotated(log).Prepend(log)) // newest first
        {
            var lines = Timed(log, ReadAll(file, out long end));
            if (file == log) readTo = end;
            kept.InsertRange(0, lines.Where(l => l.Time >= from));
            untimed += lines.Count(l => l.Time is null);
            // Every older file is older still.
            if (lines.FirstOrDefault(l => l.Time is not null) is { } first && first.Time < from) break;
        }
        return kept;
    }

    private static List<Line> Timed(LogFile log, IEnumerable<string> raw)
    {
        var lines = new List<Line>();
        DateTimeOffset? last = null;
        foreach (string line in raw)
        {
            var (time, text, _) = LogStamp.Split(line);
            last = time ?? last;
            lines.Add(new Line(log.Path, last, text));
        }
        return lines;
    }

    /// <summary>Every line of a file, each cut at <see cref="LogFiles.MaxLineBytes"/>.</summary>
    private static List<string> ReadAll(LogFile file, out long readTo)
    {
        readTo = 0;
        using var stream = LogFiles.OpenForReading(file);
        if (stream is null) return [];
        var lines = new List<string>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line) lines.Add(LogFiles.Cut(line));
        readTo = stream.Position; // the reader has read to the end it found
        return lines;
    }
}
