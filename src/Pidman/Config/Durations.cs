using System.Globalization;
using System.Text.RegularExpressions;

namespace Pidman.Config;

/// <summary>Durations as written in config: <c>500ms</c>, <c>10s</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration; false for anything else (a bare number has no unit and is refused).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        double number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double ms = m.Groups[2].Value switch
        {
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => number * 3_600_000,
        };
        if (ms > TimeSpan.FromDays(1).TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>The message for a value that is not a duration.</summary>
    public static string Problem(string text) => $"bad duration '{text}': use a number and a unit, e.g. \"500ms\", \"10s\", \"2m\"";

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
