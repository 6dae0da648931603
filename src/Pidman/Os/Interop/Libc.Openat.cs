using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenatRaw(int dirfd, string path, int flags, int mode);

    [LibraryImport(LibraryName, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdiratRaw(int dirfd, string path, int mode);

    /// <summary>openat(2): <paramref name="name"/> relative to the open directory <paramref name="directory"/>.</summary>
    internal static FileDescriptor OpenAt(FileDescriptor directory, string name, int flags, int mode, out Errno errno)
    {
        int raw;
        do
        {
            raw = OpenatRaw(directory.Value, name, flags | O_CLOEXEC, mode);
            errno = raw < 0 ? LastErrno : Errno.None;
        }
        while (raw < 0 && errno == Errno.EINTR);
        return new FileDescriptor(raw);
    }

    /// <summary>mkdirat(2); <see cref="Errno.EEXIST"/> when it is there already.</summary>
    internal static Errno MkdirAt(FileDescriptor directory, string name, int mode) =>
        MkdiratRaw(directory.Value, name, mode) == 0 ? Errno.None : LastErrno;
}
