using System.Globalization;

namespace Pidman.Config;

/// <summary>Sizes as written in config: <c>50MB</c>, <c>512KB</c>, <c>1GB</c> (binary multiples, as supervisord's), or <c>0</c>.</summary>
internal static class ByteSizes
{
    /// <summary>Parses a size; false for anything else (a number other than 0 needs a unit).</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string t = text.Trim();
        if (t == "0") return true;
        var units = new (string Suffix, long Factor)[] { ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (!t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            string digits = t[..^suffix.Length].Trim();
            // Digits and a point only: "NaNMB" or "InfinityGB" would parse as doubles and mean "never".
            if (digits.Length == 0 || !digits.All(c => char.IsAsciiDigit(c) || c == '.')) return false;
            if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number) || number * factor > long.MaxValue / 2) return false;
            bytes = (long)(number * factor);
            return true;
        }
        return false;
    }

    /// <summary>The message for a value that is not a size.</summary>
    public static string Problem(string text) => $"bad size '{text}': use a number and a unit, e.g. \"50MB\", \"512KB\", or \"0\" for no limit";
}
