using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkatRaw(int dirfd, string path, int flags);

    /// <summary>unlinkat(2) of a file (never a directory) in the open directory <paramref name="directory"/>.</summary>
    internal static Errno UnlinkAt(FileDescriptor directory, string name) =>
        UnlinkatRaw(directory.Value, name, 0) == 0 ? Errno.None : LastErrno;

    private const int AT_REMOVEDIR = 0x200;

    /// <summary>unlinkat(2) with <c>AT_REMOVEDIR</c>: removes an empty directory in <paramref name="directory"/>.</summary>
    internal static Errno RemoveDirectoryAt(FileDescriptor directory, string name) =>
        UnlinkatRaw(directory.Value, name, AT_REMOVEDIR) == 0 ? Errno.None : LastErrno;
}
