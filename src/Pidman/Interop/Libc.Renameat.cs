using System.Runtime.InteropServices;

namespace Pidman.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameatRaw(int fromDirectory, string from, int toDirectory, string to);

    /// <summary>renameat(2): atomically replaces <paramref name="to"/> in <paramref name="toDirectory"/> (same filesystem).</summary>
    internal static Errno RenameAt(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to) =>
        RenameatRaw(fromDirectory.Value, from, toDirectory.Value, to) == 0 ? Errno.None : LastErrno;
}
