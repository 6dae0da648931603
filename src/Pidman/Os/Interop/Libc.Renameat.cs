using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameatRaw(int fromDirectory, string from, int toDirectory, string to);

    [LibraryImport(LibraryName, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Renameat2Raw(int fromDirectory, string from, int toDirectory, string to, uint flags);

    private const uint RENAME_NOREPLACE = 1;

    /// <summary>
    /// renameat(2): atomically replaces <paramref name="to"/> in <paramref name="toDirectory"/> (same filesystem). A symbolic
    /// link at <paramref name="to"/> is replaced itself, never followed.
    /// </summary>
    internal static Errno RenameAt(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to) =>
        RenameatRaw(fromDirectory.Value, from, toDirectory.Value, to) == 0 ? Errno.None : LastErrno;

    /// <summary>renameat2(2) with <c>RENAME_NOREPLACE</c>: <see cref="Errno.EEXIST"/> when anything (a link too) is at <paramref name="to"/>.</summary>
    internal static Errno RenameAtNoReplace(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to) =>
        Renameat2Raw(fromDirectory.Value, from, toDirectory.Value, to, RENAME_NOREPLACE) == 0 ? Errno.None : LastErrno;
}
