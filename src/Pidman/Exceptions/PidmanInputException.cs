namespace Pidman.Exceptions;

/// <summary>A name, PID or option given by the caller is malformed; nothing was changed.</summary>
public class PidmanInputException : PidmanException
{
    /// <summary>Creates the exception with a message that names the bad value.</summary>
    public PidmanInputException(string message) : base(message) { }
}
