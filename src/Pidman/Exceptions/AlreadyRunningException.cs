namespace Pidman.Exceptions;

/// <summary>A live process already holds the PID file of this service and type.</summary>
public sealed class AlreadyRunningException : PidmanException
{
    /// <summary>Creates the exception for <paramref name="service"/> held by <paramref name="pid"/>.</summary>
    /// <param name="service">The service.</param>
    /// <param name="type">Its PID type.</param>
    /// <param name="label">How messages name them, e.g. <c>web (tmux)</c>.</param>
    /// <param name="pid">The holder's PID, when it could be read.</param>
    internal AlreadyRunningException(string service, string type, string label, int? pid)
        : base($"{label} is already running{(pid is int p ? $" (PID {p})" : "")}")
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
