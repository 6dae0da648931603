namespace Pidman.Config;

/// <summary>When the supervisor restarts a service that exited.</summary>
internal enum RestartPolicy
{
    /// <summary>Never.</summary>
    No,
    /// <summary>When it exits with a non-zero code or is killed by a signal.</summary>
    OnFailure,
    /// <summary>Whenever it exits.</summary>
    Always,
}
