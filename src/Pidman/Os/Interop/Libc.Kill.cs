using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillRaw(int pid, int signal);

    /// <summary>kill(2). Only <see cref="Os.Signaller"/> calls it, after the guard's checks.</summary>
    internal static Errno Kill(int pid, int signal) => KillRaw(pid, signal) == 0 ? Errno.None : LastErrno;
}
