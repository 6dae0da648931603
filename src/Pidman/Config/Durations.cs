using System.Globalization;

namespace Pidman.Config;

/// <summary>
/// Durations as written in config and on the command line: a number and a unit - <c>500ms</c>, <c>10s</c>, <c>1.5s</c>,
/// <c>2m</c>, <c>1h</c>, <c>2d</c> - or several, largest first, as Go and systemd write them (<c>1h30m</c>, <c>2d12h</c>).
/// </summary>
internal static class Durations
{
    /// <summary>The longest duration a config key takes: a day.</summary>
    public static readonly TimeSpan ConfigMaximum = TimeSpan.FromDays(1);

    /// <summary>Parses a duration of at most a day (<see cref="ConfigMaximum"/>); false for anything else (a bare number has no unit and is refused).</summary>
    public static bool TryParse(string text, out TimeSpan value) => TryParse(text, ConfigMaximum, out value);

    /// <summary>Parses a duration of at most <paramref name="maximum"/>; false for anything else.</summary>
    public static bool TryParse(string text, TimeSpan maximum, out TimeSpan value)
    {
        value = default;
        var rest = text.AsSpan();
        double total = 0;
        double lastUnit = double.MaxValue;
        if (rest.IsEmpty) return false;
        while (!rest.IsEmpty)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.')) digits++;
            int letters = digits;
            while (letters < rest.Length && char.IsAsciiLetterLower(rest[letters])) letters++;
            if (digits == 0 || letters == digits || rest[0] == '.' || rest[digits - 1] == '.' || rest[..digits].Count('.') > 1) return false;
            if (!double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)) return false;
            double unit = rest[digits..letters] switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => 0,
            };
            if (unit == 0 || unit >= lastUnit) return false; // each unit once, largest first
            lastUnit = unit;
            total += number * unit;
            rest = rest[letters..];
        }
        if (!(total <= maximum.TotalMilliseconds)) return false;
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>The message for a value that is not a duration of at most a day.</summary>
    public static string Problem(string text) => $"bad duration '{text}': use a number and a unit, e.g. \"500ms\", \"10s\", \"2m\", \"1h30m\", up to 1d";
}
