using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file that is never renamed or deleted, so every process
/// locks the same inode. .NET's <c>FileShare</c> is not used: it is not a lock other programs honour.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileDescriptor _fd;

    private FileLock(FileDescriptor fd) => _fd = fd;

    /// <summary>Takes the lock, waiting for it.</summary>
    /// <exception cref="PidmanException">The lock file cannot be opened or the filesystem refuses flock.</exception>
    internal static FileLock Acquire(string path) => TryAcquire(path, wait: true)!;

    /// <summary>Takes the lock; without <paramref name="wait"/>, returns null when another process holds it.</summary>
    internal static FileLock? TryAcquire(string path, bool wait)
    {
        var fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0x180 /* 0600 */, out var errno); // a FIFO there cannot hang us
        if (fd.IsInvalid)
            throw new PidmanException($"cannot open lock file {HeldDirectory.Shown(path)}: {errno.Describe()}", errno.AsException());
        var result = Libc.Flock(fd, Libc.LOCK_EX | (wait ? 0 : Libc.LOCK_NB));
        if (result == Errno.None) return new FileLock(fd);
        fd.Dispose();
        if (result == Errno.EAGAIN && !wait) return null;
        // Running unlocked could tear or duplicate state, so refuse (DESIGN "Safety rules").
        throw new PidmanException($"cannot lock {HeldDirectory.Shown(path)} ({result.Describe()}); the filesystem may not support flock - use a local directory (--dir)", result.AsException());
    }

    /// <summary>
    /// Takes the lock of a whole directory: flock on the directory itself, so no lock file is created per entry (and
    /// none is ever left behind).
    /// </summary>
    /// <exception cref="PidmanException">The directory cannot be opened or the filesystem refuses flock.</exception>
    internal static FileLock OnDirectory(HeldDirectory directory)
    {
        var fd = directory.OpenSelf(out var errno);
        if (fd.IsInvalid)
            throw new PidmanException($"cannot open {directory.ShownAs} to lock it: {errno.Describe()}", errno.AsException());
        var result = Libc.Flock(fd, Libc.LOCK_EX);
        if (result == Errno.None) return new FileLock(fd);
        fd.Dispose();
        throw new PidmanException($"cannot lock {directory.ShownAs} ({result.Describe()}); the filesystem may not support flock - use a local directory (--dir)", result.AsException());
    }

    /// <summary>Releases the lock (closing the descriptor drops it).</summary>
    public void Dispose() => _fd.Dispose();
}
