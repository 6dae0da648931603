using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.PidFiles;

/// <summary>One safe read of a PID file: its PID, or why it cannot be trusted, plus the file's identity.</summary>
/// <param name="Exists">False when there is no file at the path.</param>
/// <param name="Pid">The PID, when the content is valid.</param>
/// <param name="Invalid">Why the file cannot be trusted, or null.</param>
/// <param name="Status">The file's metadata, when it could be opened.</param>
internal sealed record PidFileSnapshot(bool Exists, int? Pid, EntryReason? Invalid, Libc.FileStatus? Status)
{
    /// <summary>No file.</summary>
    internal static readonly PidFileSnapshot Missing = new(false, null, null, null);

    /// <summary>
    /// Opens with <c>O_NOFOLLOW | O_NONBLOCK</c> (a symlink fails, a FIFO cannot hang us), requires
    /// a regular file by fstat, reads at most <see cref="PidFileContent.MaxBytes"/> + 1 bytes, then
    /// applies the ownership and range rules of DESIGN "Safety rules".
    /// </summary>
    internal static PidFileSnapshot Read(HeldDirectory directory, string fileName)
    {
        // Read exactly the size fstat gave (at most MaxBytes); a larger file is not read at all.
        Span<byte> buffer = stackalloc byte[PidFileContent.MaxBytes];
        var read = directory.ReadSmallFile(fileName, buffer);
        if (read.Status is not { } status)
        {
            return read.Error switch
            {
                Errno.ENOENT => Missing,
                Errno.ELOOP => new(true, null, EntryReason.Symlink, null),
                Errno.ENXIO => new(true, null, EntryReason.NotRegularFile, null),
                _ => new(true, null, EntryReason.Unreadable, null),
            };
        }
        if (!status.IsRegularFile)
            return new(true, null, EntryReason.NotRegularFile, status);
        if (status.Size > PidFileContent.MaxBytes)
            return new(true, null, EntryReason.TooLarge, status);
        if (status.IsWorldWritable)
            return new(true, null, EntryReason.WorldWritable, status);
        // As root, a file another user can rewrite would let that user aim root's signals (CVE-2017-11747).
        if (TrustRule.EffectiveUid == 0 && status.Uid != 0)
            return new(true, null, EntryReason.ForeignOwner, status);
        int n = read.Length;
        if (n < 0) return new(true, null, EntryReason.Unreadable, status);
        if (!PidFileContent.TryParse(buffer[..n], out long pid, out var reason))
            return new(true, null, reason, status);
        if (PidFileContent.CheckRange(pid, ProcFs.PidMax) is { } range)
            return new(true, null, range, status);
        return new(true, (int)pid, null, status);
    }

    /// <summary>True when both reads saw the same file (same inode) with the same PID: safe to remove.</summary>
    internal bool SameAs(PidFileSnapshot other) =>
        Exists == other.Exists && Pid == other.Pid && Invalid == other.Invalid && Status?.Inode == other.Status?.Inode && Status?.Device == other.Status?.Device;
}
