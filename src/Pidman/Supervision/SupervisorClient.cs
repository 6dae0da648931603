using System.Net.Sockets;
using Pidman.PidFiles;

namespace Pidman.Supervision;

/// <summary>Talks to a running supervisor over its control socket (<c>.pidman/supervisor.sock</c>).</summary>
public static class SupervisorClient
{
    /// <summary>The socket's file name in the state folder.</summary>
    public const string SocketFileName = "supervisor.sock";

    /// <summary>The service name and PID type of the supervisor's own PID file (<c>supervisor_pidman.pid</c>).</summary>
    public const string ServiceName = PidTypes.SupervisorService;

    /// <inheritdoc cref="ServiceName"/>
    public const string PidType = PidTypes.Supervisor;

    /// <summary>The socket path for <paramref name="directory"/>.</summary>
    public static string SocketPath(PidDirectory directory) => Path.Combine(directory.StatePath, SocketFileName);

    /// <summary>True when a live supervisor holds the directory's supervisor PID file.</summary>
    public static bool IsRunning(PidManager pids) => pids.ReadPid(ServiceName, PidType) is not null;

    /// <summary>Sends <paramref name="request"/>; null when no supervisor answers.</summary>
    public static async Task<ControlResponse?> SendAsync(PidManager pids, ControlRequest request, CancellationToken cancellationToken = default)
    {
        string path = SocketPath(pids.Directory);
        if (!File.Exists(path) || !IsRunning(pids)) return null;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }
        await socket.SendAsync(request.ToJson(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reply = new MemoryStream();
        await stream.CopyToAsync(reply, cancellationToken).ConfigureAwait(false);
        return reply.Length == 0 ? null : ControlResponse.FromJson(reply.ToArray());
    }
}
