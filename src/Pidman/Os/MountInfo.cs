namespace Pidman.Os;

/// <summary>
/// The parts of a <c>/proc/PID/mountinfo</c> text (proc(5)) that pidman reads:
/// <c>36 25 0:30 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw</c>. Fields are separated by single spaces (a
/// space in a path is written <c>\040</c>), optional fields run until <c>-</c>, then the type, source and super options.
/// </summary>
internal static class MountInfo
{
    /// <summary>The mount point of the first <c>cgroup2</c> mount of the hierarchy's root (its root field is <c>/</c>), decoded; null when there is none.</summary>
    internal static string? Cgroup2MountPoint(ReadOnlySpan<char> text)
    {
        Span<Range> fields = stackalloc Range[6];
        foreach (var line in text.EnumerateLines())
        {
            int dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0 || !line[(dash + 3)..].StartsWith("cgroup2 ", StringComparison.Ordinal)) continue;
            var before = line[..dash];
            if (before.Split(fields, ' ') < 6) continue; // id, parent, dev, root, mount point, options
            if (Unescape(before[fields[3]]) == "/") return Unescape(before[fields[4]]);
        }
        return null;
    }

    /// <summary>
    /// Decodes the kernel's escapes in a path field: a backslash and three octal digits (<c>\040</c> space, <c>\011</c> tab,
    /// <c>\012</c> newline, <c>\134</c> backslash); any other backslash is kept as it is.
    /// </summary>
    internal static string Unescape(ReadOnlySpan<char> field)
    {
        if (!field.Contains('\\')) return field.ToString();
        var text = new System.Text.StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else text.Append(field[i]);
        }
        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
