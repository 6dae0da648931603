namespace Pidman.Os.Interop;

internal static partial class Libc
{
    /// <summary>pidfd_send_signal(2): signals exactly the process the descriptor pins, never a recycled PID.</summary>
    internal static Errno PidfdSendSignal(FileDescriptor pidfd, int signal) =>
        Syscall4(SYS_pidfd_send_signal, pidfd.Value, signal, 0, 0) == 0 ? Errno.None : LastErrno;
}
