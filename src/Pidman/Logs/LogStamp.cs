using System.Globalization;

namespace Pidman.Logs;

/// <summary>
/// The time at the start of every line of a service's log: <c>2026-11-27T10:00:00.123Z </c> (UTC, milliseconds, then a
/// space), put there by the <see cref="LineStamper"/> when the line's first byte reached it. Fixed width, so a reader
/// finds it without a pattern; lines of logs written before stamping have none. pidman's own banners end their stamp
/// with a tab instead of the space (<see cref="OfBanner"/>): the stamper writes a space after every stamp, so no line
/// a service writes can pass for a banner, whatever it begins with (a diff's <c>--- a/file</c>, YAML's <c>---</c>).
/// </summary>
internal static class LogStamp
{
    private const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Bytes in a stamp, its trailing space (or a banner's tab) included.</summary>
    public const int Length = 25;

    private const char LineMark = ' ';
    private const char BannerMark = '\t';

    /// <summary>Writes the stamp of <paramref name="utc"/> into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    internal static void Write(DateTime utc, Span<byte> destination)
    {
        utc.TryFormat(destination, out int written, Format, CultureInfo.InvariantCulture);
        destination[written] = (byte)' ';
    }

    /// <summary>The stamp a banner of pidman's written at <paramref name="utc"/> begins with (its time, then a tab).</summary>
    internal static string OfBanner(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture) + BannerMark;

    /// <summary>Whether <paramref name="line"/> has a banner's mark where a stamp ends: a cheap test before <see cref="Split"/>.</summary>
    internal static bool MarksBanner(string line) => line.Length >= Length && line[Length - 1] == BannerMark;

    /// <summary>A log line read back: its time, its text, and whether pidman wrote it as a banner; a line without a stamp has no time and is its own text.</summary>
    public static LogLine Split(string line)
    {
        if (line.Length < Length || line[Length - 1] is not (LineMark or BannerMark) || line[Length - 2] != 'Z' || line[10] != 'T' || line[4] != '-')
            return new LogLine(null, line, IsBanner: false);
        return DateTimeOffset.TryParseExact(line.AsSpan(0, Length - 1), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new LogLine(time, line[Length..], IsBanner: line[Length - 1] == BannerMark)
            : new LogLine(null, line, IsBanner: false);
    }
}

/// <summary>One line of a service's log, its stamp read (<see cref="LogStamp.Split"/>).</summary>
/// <param name="Time">When the line was written; null for a line without a stamp.</param>
/// <param name="Text">The line without its stamp.</param>
/// <param name="IsBanner">pidman wrote it (a start's or a stop's banner), not the service.</param>
internal readonly record struct LogLine(DateTimeOffset? Time, string Text, bool IsBanner);
