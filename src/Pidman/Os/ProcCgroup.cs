namespace Pidman.Os;

/// <summary>
/// The cgroup v2 line of a <c>/proc/PID/cgroup</c> text (cgroups(7)): <c>0::/user.slice/web.scope</c> beside the v1
/// hierarchies' <c>N:controllers:/path</c> lines on a hybrid machine.
/// </summary>
internal static class ProcCgroup
{
    /// <summary>
    /// The path after <c>0::</c>; null when there is no such line (cgroup v1 only). A cgroup removed while a zombie still
    /// names it reads <c>/path (deleted)</c>: that is no live cgroup, and null too.
    /// </summary>
    internal static string? UnifiedPath(ReadOnlySpan<char> text)
    {
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith("0::", StringComparison.Ordinal)) continue;
            var path = line[3..];
            return path.EndsWith(" (deleted)", StringComparison.Ordinal) || !path.StartsWith('/') ? null : path.ToString();
        }
        return null;
    }
}
