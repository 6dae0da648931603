using Pidman.Exceptions;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.PidFiles;
using System.Net.Sockets;
using System.Text.Json;

namespace Pidman.Supervision;

/// <summary>Talks to a running supervisor over its control socket (<c>.pidman/supervisor.sock</c>).</summary>
internal static class SupervisorClient
{
    /// <summary>The socket's file name in the state folder.</summary>
    public const string SocketFileName = "supervisor.sock";

    /// <summary>How long a question (status, ping, unregister) may wait for its answer: the loop answers in milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The socket path for <paramref name="directory"/>.</summary>
    public static string SocketPath(PidDirectory directory) => Path.Combine(directory.StatePath, SocketFileName);

    /// <summary>The supervisor's PID when a live one holds the directory's supervisor PID file, else null.</summary>
    public static int? RunningPid(PidManager pids) => pids.ReadPid(PidTypes.SupervisorService, PidTypes.Supervisor);

    /// <summary>Sends <paramref name="request"/>; null when no supervisor runs or answers.</summary>
    /// <param name="pids">The PID directory whose supervisor to ask.</param>
    /// <param name="request">The request.</param>
    /// <param name="timeout">How long to wait for the answer (<see cref="DefaultTimeout"/> when null); a stop waits longer, on purpose.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="PidmanException">The supervisor did not answer in time; the message names its PID and state.</exception>
    public static async Task<ControlResponse?> SendAsync(PidManager pids, ControlRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        string path = SocketPath(pids.Directory);
        if (!File.Exists(path) || RunningPid(pids) is not int pid) return null;
        // A stopped supervisor would take the request and carry it out whenever it is resumed: say so now, queue nothing.
        if (ProcessState.IsStopped(pid))
            throw new PidmanException($"the supervisor (PID {pid}) is {ProcessState.Describe(pid)}; nothing was asked of it");
        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using (var address = ShortPath.For(path))
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.Path), deadline.Token).ConfigureAwait(false);
            // A socket someone else bound there (a shared state folder) is not our supervisor: its answers count for nothing.
            if (ControlServer.PeerUid(socket) is not uint server || !TrustRule.IsEntitled(server)) return null;
            byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(request, ControlJsonContext.Default.ControlRequest), (byte)'\n'];
            await socket.SendAsync(line, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reply = new MemoryStream();
            await stream.CopyToAsync(reply, deadline.Token).ConfigureAwait(false);
            return reply.Length == 0 ? null : JsonSerializer.Deserialize(reply.ToArray(), ControlJsonContext.Default.ControlResponse);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PidmanException($"the supervisor (PID {pid}) did not answer within {limit.TotalSeconds:0} s: it is {ProcessState.Describe(pid)}; its events are in local/log/pidman.log");
        }
    }
}
