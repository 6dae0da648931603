using Pidman.Os.Fs;
using Pidman.Os.Interop;
using System.Net.Sockets;
using System.Text.Json;

namespace Pidman.Supervision;

/// <summary>
/// The supervisor's control socket: one JSON request line in, one JSON response out, per connection. Only the supervisor's
/// own user and root may use it: the socket is private from birth (bound inside a 0700 folder of its own, made 0600, then
/// renamed into place, so no instance exists at which another user could connect) and every connection's peer is checked
/// (SO_PEERCRED). Every request gets an answer, a malformed one an error.
/// </summary>
internal sealed class ControlServer : IDisposable
{
    /// <summary>A request is a short JSON line; a client that sends more without a newline is cut off.</summary>
    private const int MaxRequestBytes = 64 * 1024;

    /// <summary>How long a client may take to send its request line.</summary>
    private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly HeldDirectory _directory;
    private readonly Func<ControlRequest, Task<ControlResponse>> _handle;

    private ControlServer(Socket listener, HeldDirectory directory, Func<ControlRequest, Task<ControlResponse>> handle)
    {
        _listener = listener;
        _directory = directory;
        _handle = handle;
    }

    /// <summary>
    /// Listens on <c>supervisor.sock</c> in the state folder <paramref name="directory"/>, replacing a socket left by a killed
    /// supervisor (the caller holds the supervisor lock, so it is not live).
    /// </summary>
    /// <exception cref="Exceptions.PidmanException">The socket cannot be made.</exception>
    public static ControlServer Listen(HeldDirectory directory, Func<ControlRequest, Task<ControlResponse>> handle)
    {
        string nursery = $".{SupervisorClient.SocketFileName}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        if (directory.MakeDirectory(nursery, 0x1C0 /* 0700 */) is not Errno.None and var failed)
            throw new Exceptions.PidmanException($"cannot make the control socket in {directory.ShownAs}: {failed.Describe()}");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using (var nurseryFolder = directory.Child(nursery, create: false)!)
            {
                socket.Bind(new UnixDomainSocketEndPoint(nurseryFolder.File(SupervisorClient.SocketFileName))); // a short name at any project depth
                nurseryFolder.ChangeMode(SupervisorClient.SocketFileName, 0x180 /* 0600 */);
                socket.Listen(16);
                if (nurseryFolder.Move(SupervisorClient.SocketFileName, directory, SupervisorClient.SocketFileName) is not Errno.None and var moveError)
                    throw new Exceptions.PidmanException($"cannot put the control socket in place in {directory.ShownAs}: {moveError.Describe()}");
            }
            return new ControlServer(socket, directory, handle);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            directory.RemoveDirectory(nursery);
        }
    }

    /// <summary>Serves clients until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                using var stream = new NetworkStream(client, ownsSocket: false);
                uint? peer = PeerUid(client);
                if (peer is not uint uid || !TrustRule.IsEntitled(uid))
                {
                    // A second wall behind the socket's mode: whoever reached it, only our user and root are served.
                    await ReplyAsync(stream, ControlResponse.Refused($"refused: uid {peer} may not control this supervisor"), cancellationToken).ConfigureAwait(false);
                    return;
                }
                // A client that connects and says nothing (or dribbles) gets a few seconds, not a task for ever.
                using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                readTimeout.CancelAfter(RequestReadTimeout);
                if (await ReadLineAsync(stream, readTimeout.Token).ConfigureAwait(false) is not { } line)
                {
                    await ReplyAsync(stream, ControlResponse.Refused($"malformed request: no line of JSON within {MaxRequestBytes / 1024} KiB"), cancellationToken).ConfigureAwait(false);
                    return;
                }
                ControlRequest? request;
                try
                {
                    request = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlRequest);
                }
                catch (JsonException e)
                {
                    await ReplyAsync(stream, ControlResponse.Refused($"malformed request: {e.Message}"), cancellationToken).ConfigureAwait(false);
                    return;
                }
                var response = ControlRequestCheck.Problem(request) is { } problem
                    ? ControlResponse.Refused($"malformed request: {problem}")
                    : await _handle(request!).WaitAsync(cancellationToken).ConfigureAwait(false);
                await ReplyAsync(stream, response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A client that hangs up gets nothing; the supervisor goes on.
            }
        }
    }

    private static ValueTask ReplyAsync(NetworkStream stream, ControlResponse response, CancellationToken cancellationToken) =>
        stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, ControlJsonContext.Default.ControlResponse), cancellationToken);

    /// <summary>The uid of the process at the other end (SO_PEERCRED: <c>struct ucred { pid, uid, gid }</c>), or null when the kernel does not say.</summary>
    internal static uint? PeerUid(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) == 12 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(credentials[4..]) : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private const int SolSocket = 1, SoPeerCred = 17;

    private static async Task<byte[]?> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (buffer.Length <= MaxRequestBytes)
        {
            int n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0) return null;
            int newline = Array.IndexOf(chunk, (byte)'\n', 0, n);
            buffer.Write(chunk, 0, newline < 0 ? n : newline);
            if (newline >= 0) return buffer.ToArray();
        }
        return null;
    }

    /// <summary>Stops listening and removes the socket.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        _directory.Delete(SupervisorClient.SocketFileName);
    }
}
