using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int MADV_PAGEOUT = 21;

    [LibraryImport(LibraryName, EntryPoint = "madvise", SetLastError = true)]
    private static partial int MadviseRaw(nint address, nuint length, int advice);

    /// <summary>
    /// madvise(MADV_PAGEOUT) (Linux 5.4+): asks the kernel to reclaim these pages now. For clean file-backed pages (program
    /// code) that costs nothing but a minor fault if they are touched again: they stay in the page cache (madvise(2)).
    /// </summary>
    internal static Errno PageOut(nint address, nuint length) => MadviseRaw(address, length, MADV_PAGEOUT) == 0 ? Errno.None : LastErrno;
}
