using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadRaw(int fd, byte* buffer, nuint count);

    /// <summary>One read(2), retried only on EINTR; returns the byte count, or -1 with <paramref name="errno"/>.</summary>
    internal static unsafe int ReadOnce(FileDescriptor fd, Span<byte> buffer, out Errno errno)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint n = ReadRaw(fd.Value, start, (nuint)buffer.Length);
                errno = n < 0 ? LastErrno : Errno.None;
                if (n >= 0 || errno != Errno.EINTR) return (int)n;
            }
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or end of file; returns the byte count, or -1 with <paramref name="errno"/>.</summary>
    internal static unsafe int ReadFully(FileDescriptor fd, Span<byte> buffer, out Errno errno)
    {
        errno = Errno.None;
        int total = 0;
        fixed (byte* start = buffer)
        {
            while (total < buffer.Length)
            {
                nint n = ReadRaw(fd.Value, start + total, (nuint)(buffer.Length - total));
                if (n < 0)
                {
                    errno = LastErrno;
                    if (errno == Errno.EINTR) continue;
                    return -1;
                }
                if (n == 0) break;
                total += (int)n;
            }
        }
        return total;
    }
}
