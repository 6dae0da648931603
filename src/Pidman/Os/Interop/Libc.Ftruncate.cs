using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FtruncateRaw(int fd, long length);

    /// <summary>ftruncate(2): cuts the open file <paramref name="fd"/> to <paramref name="length"/> bytes, whatever its name is now.</summary>
    internal static Errno Truncate(FileDescriptor fd, long length)
    {
        while (true)
        {
            if (FtruncateRaw(fd.Value, length) == 0) return Errno.None;
            if (LastErrno != Errno.EINTR) return LastErrno;
        }
    }
}
