using System.Globalization;

namespace Pidman.Processes;

/// <summary>
/// The time at the start of every line of a service's log: <c>2026-11-27T10:00:00.123Z </c> (UTC, milliseconds, then a
/// space), put there by the <see cref="LineStamper"/> when the line's first byte reached it, and by pidman on its banners.
/// Fixed width, so a reader finds it without a pattern; lines of logs written before stamping have none.
/// </summary>
public static class LogStamp
{
    private const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Bytes in a stamp, its trailing space included.</summary>
    public const int Length = 25;

    /// <summary>Writes the stamp of <paramref name="utc"/> into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    internal static void Write(DateTime utc, Span<byte> destination)
    {
        utc.TryFormat(destination, out int written, Format, CultureInfo.InvariantCulture);
        destination[written] = (byte)' ';
    }

    /// <summary>The stamp of <paramref name="utc"/> as text.</summary>
    public static string Of(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture) + " ";

    /// <summary>A log line's time and text; a line without a stamp has no time and is its own text.</summary>
    public static (DateTimeOffset? Time, string Text) Split(string line)
    {
        if (line.Length < Length || line[Length - 1] != ' ' || line[Length - 2] != 'Z' || line[10] != 'T' || line[4] != '-')
            return (null, line);
        return DateTimeOffset.TryParseExact(line.AsSpan(0, Length - 1), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time, line[Length..])
            : (null, line);
    }

    /// <summary>A log line without its stamp.</summary>
    public static string Strip(string line) => Split(line).Text;
}
