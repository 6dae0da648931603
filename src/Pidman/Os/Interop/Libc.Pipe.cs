using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2Raw(int* fds, int flags);

    /// <summary>pipe2(2) with <c>O_CLOEXEC</c>: no process spawned meanwhile inherits either end by accident.</summary>
    internal static unsafe Errno Pipe(out FileDescriptor readEnd, out FileDescriptor writeEnd)
    {
        int* fds = stackalloc int[2];
        if (Pipe2Raw(fds, O_CLOEXEC) != 0)
        {
            readEnd = writeEnd = new FileDescriptor(-1);
            return LastErrno;
        }
        readEnd = new FileDescriptor(fds[0]);
        writeEnd = new FileDescriptor(fds[1]);
        return Errno.None;
    }
}
