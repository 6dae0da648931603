using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Containment;

/// <summary>How pidman keeps track of every process of a service instance, so that none outlives its stop.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Tracking>))]
public enum Tracking
{
    /// <summary>Not started by pidman (registered, or self-registered): only the recorded process is known.</summary>
    None,
    /// <summary>
    /// Its process group and session (and, under the supervisor, the orphans it re-parents): a descendant that calls
    /// setsid() and outlives the main process escapes when no supervisor runs.
    /// </summary>
    Group,
    /// <summary>A cgroup v2 of its own: no descendant can leave it.</summary>
    Cgroup,
}
