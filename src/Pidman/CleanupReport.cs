using Pidman.PidFiles;

namespace Pidman;

/// <summary>What a cleanup removed (or, in a dry run, would remove).</summary>
/// <param name="Removed">Entries whose files were (or would be) removed, with the reason.</param>
/// <param name="Kept">
/// Entries left in place: invalid ones (remove them with <c>includeInvalid</c>), and any whose removal failed
/// (<see cref="PidEntry.RemovalErrno"/> says why).
/// </param>
/// <param name="DryRun">True when nothing was actually removed.</param>
/// <param name="TempFilesRemoved">Temp files of writers killed mid-write that were (or would be) removed.</param>
public sealed record CleanupReport(IReadOnlyList<PidEntry> Removed, IReadOnlyList<PidEntry> Kept, bool DryRun, int TempFilesRemoved);
