using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    // The pidfd calls go through syscall(2), not glibc's wrappers: those appeared in glibc 2.36, and with libc bound at
    // link time (DirectPInvoke) a wrapper would make the binary refuse to start on an older glibc (Ubuntu 22.04 has 2.35).
    // Numbers from 424 on are the same on every architecture (the unified syscall table).
    private const long SYS_pidfd_send_signal = 424;
    private const long SYS_pidfd_open = 434;

    [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall4(long number, long a, long b, long c, long d);
}
