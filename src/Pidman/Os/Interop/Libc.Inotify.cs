using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int IN_NONBLOCK = 0x800;
    private const int IN_CLOEXEC = 0x80000;
    /// <summary>IN_CLOSE_WRITE | IN_CLOSE_NOWRITE: any descriptor of the file closed.</summary>
    internal const uint IN_CLOSE = 0x8 | 0x10;

    [LibraryImport(LibraryName, EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInitRaw(int flags);

    [LibraryImport(LibraryName, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatchRaw(int fd, string path, uint mask);

    /// <summary>
    /// A non-blocking inotify descriptor watching <paramref name="path"/> for <paramref name="mask"/>: readable once an
    /// event has happened. Invalid (and <paramref name="errno"/> set) when either call failed.
    /// </summary>
    internal static FileDescriptor InotifyWatch(string path, uint mask, out Errno errno)
    {
        var fd = new FileDescriptor(InotifyInitRaw(IN_NONBLOCK | IN_CLOEXEC));
        errno = fd.IsInvalid ? LastErrno : Errno.None;
        if (fd.IsInvalid) return fd;
        if (InotifyAddWatchRaw(fd.Value, path, mask) >= 0) return fd;
        errno = LastErrno;
        fd.Dispose();
        return new FileDescriptor(-1);
    }
}
