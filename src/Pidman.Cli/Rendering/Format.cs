using System.Globalization;

namespace Pidman.Cli.Rendering;

/// <summary>Short human forms for durations and sizes.</summary>
internal static class Format
{
    /// <summary>How long ago <paramref name="at"/> was: <c>3m02s ago</c>.</summary>
    public static string Ago(DateTimeOffset? at) => at is { } t ? $"{Duration(DateTimeOffset.UtcNow - t)} ago" : "-";

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
    /// <summary>A cell on one line: line breaks shown as "⏎", tabs and other control characters as spaces.</summary>
    public static string OneLine(string text)
    {
        var line = text.Replace("\r\n", " ⏎ ", StringComparison.Ordinal).Replace("\n", " ⏎ ", StringComparison.Ordinal).Replace("\r", " ⏎ ", StringComparison.Ordinal);
        return string.Create(line.Length, line, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });
    }

    /// <summary>
    /// The width a table must fit: the terminal's when standard output is one, else <c>COLUMNS</c> when set, else none
    /// (a pipe gets whole lines).
    /// </summary>
    public static int? OutputWidth()
    {
        if (!Console.IsOutputRedirected)
        {
            try
            {
                if (Console.WindowWidth is int w and > 0) return w;
            }
            catch (IOException)
            {
                // no terminal size to be had: fall through
            }
        }
        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int columns) && columns > 0 ? columns : null;
    }

    /// <summary>The PORTS cell: the row's ports, comma-separated, or <c>-</c>.</summary>
    public static string Ports(Projects.StatusRow row) => row.Ports is { Count: > 0 } ports ? string.Join(",", ports.Select(Port)) : "-";

    /// <summary>A port for the table: <c>5000</c> for TCP, <c>5000/udp</c>; the address only when it is not a wildcard.</summary>
    public static string Port(Os.ListeningPort p)
    {
        string suffix = p.Protocol.StartsWith("udp", StringComparison.Ordinal) ? "/udp" : "";
        return p.Address is "0.0.0.0" or "::" ? $"{p.Port}{suffix}" : $"{(p.Address.Contains(':') ? $"[{p.Address}]" : p.Address)}:{p.Port}{suffix}";
    }

    /// <summary>The C library's words for <paramref name="errno"/> (strerror): <c>Read-only file system</c>.</summary>
    public static string Errno(int errno) => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The RSS cell, with the number of processes it sums when there are several.</summary>
    public static string Memory(PidFiles.PidEntry e) => Bytes(e.RssBytes) + (e.Processes is > 1 and var n ? $" ({n})" : "");

    /// <summary>The HEALTH cell: the supervisor's verdict for a running instance with a check, else <c>-</c>.</summary>
    public static string Health(Projects.StatusRow row) => row.Health?.ToString().ToLowerInvariant() ?? "-";

    /// <summary>The RESTARTS cell: restarts so far under the supervisor, else <c>-</c>.</summary>
    public static string Restarts(Projects.StatusRow row) => row.Supervised?.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
