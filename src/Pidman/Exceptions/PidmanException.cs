namespace Pidman.Exceptions;

/// <summary>The root of every error Pidman reports; its message says what was wrong, where, and what to do.</summary>
public class PidmanException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public PidmanException(string message, Exception? inner = null) : base(message, inner) { }
}
