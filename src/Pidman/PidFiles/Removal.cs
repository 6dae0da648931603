using Pidman.Os.Interop;

namespace Pidman.PidFiles;

/// <summary>How a removal of a PID file and its record went: done, not tried (the file changed since it was seen), or failed with the errno of unlink(2).</summary>
internal readonly record struct Removal(bool Removed, Errno Failure)
{
    internal static Removal Done => new(true, Errno.None);

    internal static Removal Changed => new(false, Errno.None);

    internal static Removal Failed(Errno failure) => new(false, failure);

    /// <summary>The errno of a failed removal, as the facts carry it (<see cref="PidEntry.RemovalErrno"/>); null when it was done or not tried.</summary>
    internal int? FailureErrno => Failure == Errno.None ? null : (int)Failure;
}
