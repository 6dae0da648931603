using System.Globalization;
using Pidman.Logs;

namespace Pidman.Cli.Rendering;

/// <summary>How <c>pidman logs</c> prints a line: <c>name | </c> (coloured on a terminal) when several logs are shown, then with <c>-t</c> the line's time, then its text.</summary>
internal sealed class LogPrinter(IEnumerable<string> files, bool prefix, bool timestamps, Palette palette)
{
    /// <summary>The widest name so far: prefixes line up, and a log that appears later with a longer name widens them from then on.</summary>
    private int _width = files.Select(f => Name(f).Length).DefaultIfEmpty(0).Max();

    /// <summary>Local time, to the millisecond; the blank of the same width for a line with no known time.</summary>
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public void Print(string file, DateTimeOffset? time, string text)
    {
        string when = !timestamps ? "" : time is { } t ? t.ToLocalTime().ToString(TimeFormat, CultureInfo.InvariantCulture) + " " : new string(' ', TimeFormat.Length + 1);
        string name = Name(file);
        _width = Math.Max(_width, name.Length);
        Console.Out.WriteLine((prefix ? palette.Prefix(name, _width) : "") + when + text);
    }

    /// <summary>A line that arrived while following: its stamp's time, or the time it arrived when it has none.</summary>
    public void PrintArrived(string file, string line)
    {
        var (time, text, _) = LogStamp.Split(line);
        Print(file, time ?? DateTimeOffset.Now, text);
    }

    private static string Name(string file) => Path.GetFileNameWithoutExtension(file);
}
