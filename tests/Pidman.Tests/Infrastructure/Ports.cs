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

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
