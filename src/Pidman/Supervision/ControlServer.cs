using System.Net.Sockets;
using System.Text.Json;
using Pidman.PidFiles;

namespace Pidman.Supervision;

/// <summary>The supervisor's control socket (mode 0600): one JSON request line in, one JSON response out, per connection.</summary>
internal sealed class ControlServer : IDisposable
{
    /// <summary>A request is a short JSON line; a client that sends more without a newline is cut off.</summary>
    private const int MaxRequestBytes = 64 * 1024;

    /// <summary>How long a client may take to send its request line.</summary>
    private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<ControlRequest, Task<ControlResponse>> _handle;

    private ControlServer(Socket listener, string path, Func<ControlRequest, Task<ControlResponse>> handle)
    {
        _listener = listener;
        _path = path;
        _handle = handle;
    }

    /// <summary>Binds <paramref name="path"/>, replacing a socket left by a killed supervisor (the caller holds the supervisor lock, so it is not live).</summary>
    public static ControlServer Listen(string path, Func<ControlRequest, Task<ControlResponse>> handle)
    {
        File.Delete(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using (var address = ShortPath.For(path)) socket.Bind(new UnixDomainSocketEndPoint(address.Path)); // any project depth
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // 0600: only our user may steer us
        socket.Listen(16);
        return new ControlServer(socket, path, handle);
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
                // A client that connects and says nothing (or dribbles) gets a few seconds, not a task for ever.
                using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                readTimeout.CancelAfter(RequestReadTimeout);
                if (await ReadLineAsync(stream, readTimeout.Token).ConfigureAwait(false) is not { } line) return;
                var request = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlRequest);
                if (request is null) return;
                var response = await _handle(request).WaitAsync(cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(response, ControlJsonContext.Default.ControlResponse), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or JsonException)
            {
                // A client that hangs up or sends garbage gets nothing; the supervisor goes on.
            }
        }
    }

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
        File.Delete(_path);
    }
}
