namespace Pidman.Os;

/// <summary>A socket a process listens on: a TCP socket in LISTEN, or a bound UDP socket.</summary>
public sealed record ListeningPort
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ListeningPort(string protocol, string address, int port)
    {
        Protocol = protocol;
        Address = address;
        Port = port;
    }

    /// <summary><c>tcp</c>, <c>tcp6</c>, <c>udp</c> or <c>udp6</c> (the /proc/net table it came from).</summary>
    public string Protocol { get; init; }

    /// <summary>The local address, e.g. <c>127.0.0.1</c>, <c>0.0.0.0</c>, <c>::</c>.</summary>
    public string Address { get; init; }

    /// <summary>The local port.</summary>
    public int Port { get; init; }

    /// <summary><c>tcp 127.0.0.1:5000</c>, <c>tcp6 [::]:80</c>.</summary>
    public override string ToString() => Protocol.EndsWith('6') ? $"{Protocol} [{Address}]:{Port}" : $"{Protocol} {Address}:{Port}";
}
