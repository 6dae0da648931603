namespace Pidman;

/// <summary>The root of every error Pidman reports; its message says what was wrong, where, and what to do.</summary>
public class PidmanException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public PidmanException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A name, PID or option given by the caller is malformed; nothing was changed.</summary>
public class PidmanInputException : PidmanException
{
    /// <summary>Creates the exception with a message that names the bad value.</summary>
    public PidmanInputException(string message) : base(message) { }
}

/// <summary>A live process already holds the PID file of this service and type.</summary>
public sealed class AlreadyRunningException : PidmanException
{
    /// <summary>Creates the exception for <paramref name="service"/> held by <paramref name="pid"/>.</summary>
    public AlreadyRunningException(string service, string type, int? pid)
        : base($"{PidFileName.Describe(service, type)} is already running{(pid is int p ? $" (PID {p})" : "")}")
    {
        Service = service;
        Type = type;
        Pid = pid;
    }

    /// <summary>The service that is already running.</summary>
    public string Service { get; }

    /// <summary>Its PID type.</summary>
    public string Type { get; }

    /// <summary>The PID of the live holder, when it could be read.</summary>
    public int? Pid { get; }
}
