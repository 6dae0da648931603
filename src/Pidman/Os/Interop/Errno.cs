namespace Pidman.Os.Interop;

/// <summary>The Linux errno values Pidman acts on (asm-generic/errno-base.h, errno.h).</summary>
internal enum Errno
{
    None = 0,
    EPERM = 1,
    ENOENT = 2,
    /// <summary>No such process: the target is already gone, which is not an error when stopping.</summary>
    ESRCH = 3,
    EINTR = 4,
    ENXIO = 6,
    EBADF = 9,
    /// <summary>No child process: it was reaped already, or is not ours.</summary>
    ECHILD = 10,
    EAGAIN = 11,
    EACCES = 13,
    EEXIST = 17,
    EXDEV = 18,
    ENOTDIR = 20,
    EISDIR = 21,
    EINVAL = 22,
    ENFILE = 23,
    EMFILE = 24,
    EFBIG = 27,
    ENOSPC = 28,
    EROFS = 30,
    ENAMETOOLONG = 36,
    ENOLCK = 37,
    ENOSYS = 38,
    ENOTEMPTY = 39,
    ELOOP = 40,
    EDQUOT = 122,
    EOPNOTSUPP = 95,
}

/// <summary>Wording of <see cref="Errno"/> values for messages.</summary>
internal static class ErrnoText
{
    /// <summary>The errno as .NET carries a native error code: the inner exception of a PidmanException (its SystemErrorCode).</summary>
    internal static System.ComponentModel.Win32Exception AsException(this Errno errno) => new((int)errno);

    /// <summary>The C library's text for the error (strerror), e.g. "No space left on device".</summary>
    internal static string Describe(this Errno errno) => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage((int)errno);
}
