using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FchmodatRaw(int dirfd, string path, uint mode, int flags);

    /// <summary>fchmodat(2) of <paramref name="name"/> in <paramref name="directory"/> (a socket cannot be opened for fchmod).</summary>
    internal static Errno ChangeModeAt(FileDescriptor directory, string name, uint mode) =>
        FchmodatRaw(directory.Value, name, mode, 0) == 0 ? Errno.None : LastErrno;
}
