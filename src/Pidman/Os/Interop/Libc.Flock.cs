using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    [LibraryImport(LibraryName, EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    /// <summary>flock(2), retried on EINTR. Returns <see cref="Errno.None"/> on success.</summary>
    internal static Errno Flock(FileDescriptor fd, int operation)
    {
        while (true)
        {
            if (FlockRaw(fd.Value, operation) == 0) return Errno.None;
            var errno = LastErrno;
            if (errno != Errno.EINTR) return errno;
        }
    }
}
