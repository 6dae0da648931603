using System.Globalization;

namespace Pidman.Os;

/// <summary>
/// The mappings of a <c>/proc/PID/maps</c> text (proc(5)): <c>55d1c8a00000-55d1c8b00000 r-xp 00000000 fd:01 1234   /usr/bin/pidman</c>,
/// five columns, then spaces, then the path (a newline in it written <c>\012</c>).
/// </summary>
internal static class ProcMaps
{
    /// <summary>The address ranges at which the file <paramref name="path"/> is mapped.</summary>
    internal static List<(nint Start, nuint Length)> RangesOf(ReadOnlySpan<char> text, string path)
    {
        var result = new List<(nint, nuint)>();
        Span<Range> fields = stackalloc Range[6];
        foreach (var line in text.EnumerateLines())
        {
            if (line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) < 6) continue; // an anonymous mapping has no path
            if (MountInfo.Unescape(line[fields[5]].Trim(' ')) != path) continue;
            var range = line[fields[0]];
            int dash = range.IndexOf('-');
            if (dash < 0
                || !ulong.TryParse(range[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong start)
                || !ulong.TryParse(range[(dash + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong end)
                || end <= start) continue;
            result.Add(((nint)start, (nuint)(end - start)));
        }
        return result;
    }
}
