using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Supervision;

/// <summary>Where one supervised instance is in its life (process-compose style: one state machine per process).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<InstanceState>))]
public enum InstanceState
{
    /// <summary>Waiting for its dependencies.</summary>
    Pending,
    /// <summary>Being started (spawn and PID file), off the event loop.</summary>
    Starting,
    /// <summary>Its process is running.</summary>
    Running,
    /// <summary>Exited; waiting out the backoff before the next start.</summary>
    Restarting,
    /// <summary>Exited and not restarted (policy no, or on-failure after exit 0).</summary>
    Exited,
    /// <summary>A one-shot job that exited 0.</summary>
    Completed,
    /// <summary>Gave up: too many restarts, a failed start, or a failed dependency.</summary>
    Failed,
    /// <summary>Stopped on request; stays stopped.</summary>
    Stopped,
}
