using System.Globalization;

namespace Pidman.Cli.Rendering;

/// <summary>Short human forms for durations and sizes.</summary>
internal static class Format
{
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } s) return "-";
        if (s < TimeSpan.Zero) s = TimeSpan.Zero;
        if (s.TotalSeconds < 60) return $"{(int)s.TotalSeconds}s";
        if (s.TotalMinutes < 60) return $"{(int)s.TotalMinutes}m{s.Seconds:00}s";
        if (s.TotalHours < 24) return $"{(int)s.TotalHours}h{s.Minutes:00}m";
        return $"{(int)s.TotalDays}d{s.Hours:00}h";
    }

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b) return "-";
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = b;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{b} B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>An instance's memory, with how many processes it sums when more than one: <c>4.6 MiB (3)</c>.</summary>
    public static string Memory(PidFiles.PidEntry e) => Bytes(e.RssBytes) + (e.Processes is > 1 and var n ? $" ({n})" : "");
}
