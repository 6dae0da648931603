using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int WNOHANG = 1;

    [LibraryImport(LibraryName, EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitpidRaw(int pid, out int status, int options);

    /// <summary>
    /// Reaps our child <paramref name="pid"/> if it has exited, without blocking: null while it runs
    /// (or when it is not our child), else its exit code, or 128 + signal number when a signal ended it.
    /// </summary>
    internal static int? TryReapChild(int pid) => TryReapChild(pid, out _);

    /// <inheritdoc cref="TryReapChild(int)"/>
    /// <param name="pid">The child.</param>
    /// <param name="notOurChild">True when waitpid says ECHILD: it was reaped already, or never was our child.</param>
    internal static int? TryReapChild(int pid, out bool notOurChild)
    {
        int result;
        int status;
        do
        {
            result = WaitpidRaw(pid, out status, WNOHANG);
        }
        while (result < 0 && LastErrno == Errno.EINTR);
        notOurChild = result < 0 && LastErrno == Errno.ECHILD;
        if (result != pid) return null;
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
