namespace Pidman.Os.Interop;

internal static partial class Libc
{
    /// <summary>
    /// pidfd_open(2): a descriptor for the process; a signal sent through it reaches that process or nothing, even after its
    /// PID has been recycled (the descriptor does not keep the PID from being reused); ENOSYS before Linux 5.3.
    /// </summary>
    internal static FileDescriptor PidfdOpen(int pid, out Errno errno)
    {
        int fd = (int)Syscall4(SYS_pidfd_open, pid, 0, 0, 0);
        errno = fd < 0 ? LastErrno : Errno.None;
        return new FileDescriptor(fd);
    }
}
