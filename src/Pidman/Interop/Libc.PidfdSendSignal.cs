using System.Runtime.InteropServices;

namespace Pidman.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "pidfd_send_signal", SetLastError = true)]
    private static partial int PidfdSendSignalRaw(int pidfd, int signal, nint info, uint flags);

    /// <summary>pidfd_send_signal(2): signals exactly the process the descriptor pins, never a recycled PID.</summary>
    internal static Errno PidfdSendSignal(FileDescriptor pidfd, int signal)
    {
        try
        {
            return PidfdSendSignalRaw(pidfd.Value, signal, 0, 0) == 0 ? Errno.None : LastErrno;
        }
        catch (EntryPointNotFoundException)
        {
            return Errno.ENOSYS;
        }
    }
}
