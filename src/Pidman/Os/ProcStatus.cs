using System.Globalization;

namespace Pidman.Os;

/// <summary>Fields of a <c>/proc/PID/status</c> text (proc(5)): <c>Key:\tvalue ...</c> lines.</summary>
internal static class ProcStatus
{
    /// <summary>The first number after <paramref name="key"/> (e.g. <c>Uid:</c>, whose first number is the real uid), or null when absent or not a number.</summary>
    internal static uint? Field(ReadOnlySpan<char> status, string key)
    {
        foreach (var line in status.EnumerateLines())
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var fields = line[key.Length..].Trim();
            int end = fields.IndexOfAny(' ', '\t');
            var first = end < 0 ? fields : fields[..end];
            return uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out uint value) ? value : null;
        }
        return null;
    }
}
