using System.Runtime.InteropServices;

namespace Pidman.Interop;

internal static partial class Libc
{
    // glibc >= 2.36 exports the wrapper; older libcs throw EntryPointNotFoundException, treated as ENOSYS.
    [LibraryImport(LibraryName, EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int PidfdOpenRaw(int pid, uint flags);

    /// <summary>pidfd_open(2): a descriptor that pins the process, so its PID cannot be recycled under us.</summary>
    internal static FileDescriptor PidfdOpen(int pid, out Errno errno)
    {
        int fd;
        try
        {
            fd = PidfdOpenRaw(pid, 0);
            errno = fd < 0 ? LastErrno : Errno.None;
        }
        catch (EntryPointNotFoundException)
        {
            fd = -1;
            errno = Errno.ENOSYS;
        }
        return new FileDescriptor(fd);
    }
}
