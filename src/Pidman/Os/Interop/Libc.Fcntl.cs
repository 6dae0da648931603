using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int F_OFD_GETLK = 36;
    private const int F_OFD_SETLK = 37;
    private const short F_RDLCK = 0;
    private const short F_WRLCK = 1;
    private const short F_UNLCK = 2;

    /// <summary>struct flock on x86-64 and arm64 Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLockRange
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length; // 0: to the end of the file, however far it grows
        public int Pid;
    }

    [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
    private static unsafe partial int FcntlLockRaw(int fd, int command, FileLockRange* range);

    /// <summary>
    /// A shared open-file-description lock on the whole of <paramref name="fd"/> (<c>F_OFD_SETLK</c>, <c>F_RDLCK</c>):
    /// held until the last descriptor of that open file is closed, inherited across exec, and independent of flock(2)
    /// (which .NET's FileStream takes). Needs <paramref name="fd"/> open for reading.
    /// </summary>
    internal static unsafe Errno SetSharedOfdLock(int fd)
    {
        var range = new FileLockRange { Type = F_RDLCK };
        while (true)
        {
            if (FcntlLockRaw(fd, F_OFD_SETLK, &range) == 0) return Errno.None;
            if (LastErrno != Errno.EINTR) return LastErrno;
        }
    }

    /// <summary>True while some open file description holds a lock on any part of <paramref name="fd"/>'s file (<c>F_OFD_GETLK</c>; takes nothing).</summary>
    internal static unsafe bool IsOfdLocked(FileDescriptor fd)
    {
        var range = new FileLockRange { Type = F_WRLCK };
        return FcntlLockRaw(fd.Value, F_OFD_GETLK, &range) == 0 && range.Type != F_UNLCK;
    }
}
