namespace Pidman;

/// <summary>What <see cref="PidManager.CleanupStale"/> (and <c>pidman cleanup</c>) does beyond removing stale files.</summary>
[Flags]
public enum CleanupOptions
{
    /// <summary>Stale files and abandoned temp files are removed; unreadable (invalid) files are kept for a look.</summary>
    None = 0,

    /// <summary>Invalid files (unparseable, oversized, not a regular file) are removed too (<c>--invalid</c>).</summary>
    IncludeInvalid = 1,

    /// <summary>Nothing is removed or stopped; the report says what would be (<c>--dry-run</c>).</summary>
    DryRun = 2,
}
