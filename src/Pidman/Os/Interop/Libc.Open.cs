using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    internal const int O_RDONLY = 0x0;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_APPEND = 0x400;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_PATH = 0x200000;

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags, int mode);

    /// <summary>Opens <paramref name="path"/>; on failure returns an invalid descriptor and the errno.</summary>
    internal static FileDescriptor Open(string path, int flags, int mode, out Errno errno)
    {
        int fd;
        do
        {
            fd = OpenRaw(path, flags | O_CLOEXEC, mode);
            errno = fd < 0 ? LastErrno : Errno.None;
        }
        while (fd < 0 && errno == Errno.EINTR);
        return new FileDescriptor(fd);
    }
}
