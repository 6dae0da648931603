using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Services;

/// <summary>How starting one instance ended.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StartStatus>))]
public enum StartStatus
{
    /// <summary>Spawned, and still running after its first second.</summary>
    Started,
    /// <summary>A live process already holds its PID file; nothing was spawned.</summary>
    AlreadyRunning,
    /// <summary>A one-shot dependency (<c>completed</c>) ran and exited 0.</summary>
    Completed,
    /// <summary>It could not be spawned or it exited at once; nothing is left behind.</summary>
    Failed,
    /// <summary>Not started because a dependency failed.</summary>
    Skipped,
    /// <summary>Under a supervisor: accepted, and waiting for its dependencies or its restart delay.</summary>
    Waiting,
}
