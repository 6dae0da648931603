using Pidman.PidFiles;

namespace Pidman;

/// <summary>What a cleanup removed (or, in a dry run, would remove).</summary>
public sealed record CleanupReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal CleanupReport(IReadOnlyList<PidEntry> removed, IReadOnlyList<PidEntry> kept, bool dryRun, int tempFilesRemoved)
    {
        Removed = removed;
        Kept = kept;
        DryRun = dryRun;
        TempFilesRemoved = tempFilesRemoved;
    }

    /// <summary>Entries whose files were (or would be) removed, with the reason.</summary>
    public IReadOnlyList<PidEntry> Removed { get; init; }

    /// <summary>Entries left in place: invalid ones (remove them with <c>includeInvalid</c>), and any whose removal failed (<see cref="PidEntry.RemovalErrno"/> says why).</summary>
    public IReadOnlyList<PidEntry> Kept { get; init; }

    /// <summary>True when nothing was actually removed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Temp files of writers killed mid-write that were (or would be) removed.</summary>
    public int TempFilesRemoved { get; init; }
}
