using System.ComponentModel;

namespace Pidman.Exceptions;

/// <summary>The root of every error Pidman reports; its message says what was wrong, where, and what to do.</summary>
public class PidmanException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public PidmanException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>
    /// The errno of the system call that failed (e.g. 28, ENOSPC; 30, EROFS), or null when the error is not a system call's:
    /// it travels as the inner <see cref="Win32Exception"/> (.NET's carrier of a native error code; on Linux its message is
    /// strerror's), so a caller can tell a full disk from a read-only one without reading the message.
    /// </summary>
    public int? SystemErrorCode => (InnerException as Win32Exception)?.NativeErrorCode;
}
