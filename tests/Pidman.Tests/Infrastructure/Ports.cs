using System.Net;
using System.Net.Sockets;

namespace Pidman.Tests.Infrastructure;

/// <summary>Loopback ports for the servers the tests start.</summary>
public static class Ports
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
