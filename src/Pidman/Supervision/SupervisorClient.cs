using System.Net.Sockets;
using System.Text.Json;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Supervision;

/// <summary>Talks to a running supervisor over its control socket (<c>.pidman/supervisor.sock</c>).</summary>
public static class SupervisorClient
{
    /// <summary>The socket's file name in the state folder.</summary>
    public const string SocketFileName = "supervisor.sock";

    /// <summary>How long a request may wait for its answer unless the caller gives a token of its own.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The socket path for <paramref name="directory"/>.</summary>
    public static string SocketPath(PidDirectory directory) => Path.Combine(directory.StatePath, SocketFileName);

    /// <summary>The supervisor's PID when a live one holds the directory's supervisor PID file, else null.</summary>
    public static int? RunningPid(PidManager pids) => pids.ReadPid(PidTypes.SupervisorService, PidTypes.Supervisor);

    /// <summary>Sends <paramref name="request"/>; null when no supervisor runs or answers.</summary>
    /// <exception cref="PidmanException">The supervisor did not answer in time.</exception>
    public static async Task<ControlResponse?> SendAsync(PidManager pids, ControlRequest request, CancellationToken cancellationToken = default)
    {
        string path = SocketPath(pids.Directory);
        if (!File.Exists(path) || RunningPid(pids) is not int pid) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultTimeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token).ConfigureAwait(false);
            byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.ControlRequest), (byte)'\n'];
            await socket.SendAsync(line, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reply = new MemoryStream();
            await stream.CopyToAsync(reply, timeout.Token).ConfigureAwait(false);
            return reply.Length == 0 ? null : JsonSerializer.Deserialize(reply.ToArray(), ControlJsonContext.Default.ControlResponse);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PidmanException($"the supervisor (PID {pid}) did not answer within {DefaultTimeout.TotalSeconds:0} s; see its log, local/log/pidman.log");
        }
    }
}
