namespace Pidman.Interop;

internal static partial class Libc
{
    /// <summary>pidfd_open(2): a descriptor that pins the process, so its PID cannot be recycled under us; ENOSYS before Linux 5.3.</summary>
    internal static FileDescriptor PidfdOpen(int pid, out Errno errno)
    {
        int fd = (int)Syscall4(SYS_pidfd_open, pid, 0, 0, 0);
        errno = fd < 0 ? LastErrno : Errno.None;
        return new FileDescriptor(fd);
    }
}
