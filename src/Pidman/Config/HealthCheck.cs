using System.Globalization;

namespace Pidman.Config;

/// <summary>How to probe a service: one <see cref="Target"/>, and when and how often.</summary>
/// <param name="Target">What is probed.</param>
internal sealed record HealthCheck(HealthTarget Target)
{
    /// <summary>Time between probes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time one probe may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive failures before unhealthy.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Grace time after start during which failures do not count.</summary>
    public TimeSpan StartPeriod { get; init; } = TimeSpan.Zero;
}

/// <summary>
/// What a health check probes: exactly one of an HTTP GET, a TCP connect or a command, as the type says (not a count of
/// set fields). An http or tcp target is kept as written: its <c>$PORT</c> and other variables are the instance's,
/// filled in at each probe.
/// </summary>
internal abstract record HealthTarget
{
    private protected HealthTarget()
    {
    }
}

/// <summary>GET <paramref name="Url"/>; 2xx and 3xx are healthy.</summary>
/// <param name="Url">An http:// URL, as written.</param>
internal sealed record HttpTarget(string Url) : HealthTarget;

/// <summary>Connect to <paramref name="Address"/> (<c>HOST:PORT</c>).</summary>
/// <param name="Address">HOST:PORT, as written.</param>
internal sealed record TcpTarget(string Address) : HealthTarget
{
    /// <summary>The host and port of a <c>HOST:PORT</c> address (its variables filled in); false when it is not one, or the port is not 1 to 65535.</summary>
    public static bool TrySplit(string address, out string host, out int port)
    {
        int colon = address.LastIndexOf(':');
        host = colon > 0 ? address[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
    }
}

/// <summary>Run <paramref name="Command"/> with the instance's environment in its folder; exit 0 is healthy.</summary>
/// <param name="Command">A shell command.</param>
internal sealed record ExecTarget(string Command) : HealthTarget;
