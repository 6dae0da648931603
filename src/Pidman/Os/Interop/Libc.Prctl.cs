using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int PR_SET_CHILD_SUBREAPER = 36;

    [LibraryImport(LibraryName, EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrctlRaw(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>
    /// prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are re-parented to us instead of to init, so the
    /// supervisor reaps them at once and a service's children never linger as zombies (prctl(2)).
    /// </summary>
    internal static Errno SetChildSubreaper() => PrctlRaw(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? Errno.None : LastErrno;
}
