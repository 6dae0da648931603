using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Supervision;

/// <summary>The result of a service's health checks.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<HealthState>))]
public enum HealthState
{
    /// <summary>The service has no health check.</summary>
    None,
    /// <summary>Not yet passed (or within the start period).</summary>
    Starting,
    /// <summary>The last check passed.</summary>
    Healthy,
    /// <summary><c>retries</c> checks in a row failed.</summary>
    Unhealthy,
}
