namespace Pidman.Services;

/// <summary>How to probe a service: exactly one of <see cref="Http"/>, <see cref="Tcp"/>, <see cref="Exec"/>.</summary>
/// <param name="Http">GET this URL; 2xx and 3xx are healthy.</param>
/// <param name="Tcp">Connect to this host:port.</param>
/// <param name="Exec">Run this command; exit 0 is healthy.</param>
/// <param name="Interval">Time between probes.</param>
/// <param name="Timeout">Time one probe may take.</param>
/// <param name="Retries">Consecutive failures before unhealthy.</param>
/// <param name="StartPeriod">Grace time after start during which failures do not count.</param>
public sealed record HealthCheck(string? Http, string? Tcp, string? Exec, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    /// <summary>Defaults for every field but the probe.</summary>
    public static HealthCheck Empty { get; } = new(null, null, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
}
