namespace Pidman.Os;

/// <summary>A socket a process listens on: a TCP socket in LISTEN, or a bound UDP socket.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>tcp6</c>, <c>udp</c> or <c>udp6</c> (the /proc/net table it came from).</param>
/// <param name="Address">The local address, e.g. <c>127.0.0.1</c>, <c>0.0.0.0</c>, <c>::</c>.</param>
/// <param name="Port">The local port.</param>
public sealed record ListeningPort(string Protocol, string Address, int Port)
{
    /// <summary><c>tcp 127.0.0.1:5000</c>, <c>tcp6 [::]:80</c>.</summary>
    public override string ToString() => Protocol.EndsWith('6') ? $"{Protocol} [{Address}]:{Port}" : $"{Protocol} {Address}:{Port}";
}
