using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteRaw(int fd, byte* buffer, nuint count);

    /// <summary>Writes all of <paramref name="content"/> (retrying short writes and EINTR); false with <paramref name="errno"/> on failure.</summary>
    internal static unsafe bool WriteAll(FileDescriptor fd, ReadOnlySpan<byte> content, out Errno errno)
    {
        errno = Errno.None;
        fixed (byte* start = content)
        {
            int written = 0;
            while (written < content.Length)
            {
                nint n = WriteRaw(fd.Value, start + written, (nuint)(content.Length - written));
                if (n < 0)
                {
                    errno = LastErrno;
                    if (errno == Errno.EINTR) continue;
                    return false;
                }
                written += (int)n;
            }
        }
        return true;
    }
}
