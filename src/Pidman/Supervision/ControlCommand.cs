using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Supervision;

/// <summary>What a client asks of the supervisor over its control socket.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ControlCommand>))]
internal enum ControlCommand
{
    /// <summary>The supervisor's view of every instance.</summary>
    Status,
    /// <summary>Start services (again): they become pending and start when their dependencies allow.</summary>
    Start,
    /// <summary>Stop services; an intended stop, never restarted.</summary>
    Stop,
    /// <summary>Stop, then start.</summary>
    Restart,
    /// <summary>Remove a PID file without signalling; the supervisor lets go of that instance.</summary>
    Unregister,
    /// <summary>Stop everything and exit.</summary>
    Down,
    /// <summary>Re-read the config and apply the difference.</summary>
    Reload,
}
