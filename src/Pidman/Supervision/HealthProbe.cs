using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Pidman.Config;
using Pidman.Os;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>Runs one health check: an HTTP GET (2xx/3xx is healthy), a TCP connect, or a command (exit 0).</summary>
internal static class HealthProbe
{
    /// <summary>True when the check passes within its timeout.</summary>
    /// <param name="check">The check.</param>
    /// <param name="workingDirectory">The instance's folder: an exec probe runs there.</param>
    /// <param name="environment">The instance's environment: it fills <c>$PORT</c> and other variables in an http or tcp
    /// target, and an exec probe runs with it.</param>
    /// <param name="cancellationToken">Cancels the probe (a failure).</param>
    public static async Task<bool> CheckAsync(HealthCheck check, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        try
        {
            return check.Target switch
            {
                HttpTarget http => await HttpAsync(new Uri(EnvironmentText.Expand(http.Url, environment)), timeout.Token).ConfigureAwait(false),
                TcpTarget tcp => await TcpAsync(EnvironmentText.Expand(tcp.Address, environment), timeout.Token).ConfigureAwait(false),
                ExecTarget exec => await ExecAsync(exec.Command, workingDirectory, environment, check.Timeout, cancellationToken).ConfigureAwait(false),
                _ => false,
            };
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A minimal HTTP/1.0 GET: enough to read a status line, with no HTTP stack in the binary.</summary>
    private static async Task<bool> HttpAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != "http") throw new FormatException("only http:// health checks are supported");
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.0\r\nHost: {url.Authority}\r\nUser-Agent: pidman\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[256];
        int n = 0;
        while (n < 12)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(n), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            n += read;
        }
        // "HTTP/1.1 200 OK": the code is the second word.
        var words = Encoding.ASCII.GetString(buffer, 0, n).Split(' ', 3);
        return words.Length >= 2 && words[0].StartsWith("HTTP/", StringComparison.Ordinal)
            && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status is >= 200 and < 400;
    }

    private static async Task<bool> TcpAsync(string address, CancellationToken cancellationToken)
    {
        if (!TcpTarget.TrySplit(address, out string host, out int port))
            throw new FormatException($"tcp health check '{address}' is not host:port");
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> ExecAsync(string command, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int pid = Spawner.Spawn(new SpawnRequest(["/bin/sh", "-c", command], workingDirectory, environment));
        ChildClaims.Claim(pid);
        try
        {
            bool exited = await ChildProcesses.WaitForExitAsync(pid, timeout, cancellationToken).ConfigureAwait(false);
            if (!exited)
            {
                // Too slow counts as a failure; its whole group goes.
                ChildProcesses.KillGroup(pid);
                await ChildProcesses.WaitForExitAsync(pid, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            return ChildProcesses.TryReap(pid) == 0 && exited;
        }
        finally
        {
            ChildProcesses.TryReap(pid);
            ChildClaims.Release(pid);
        }
    }
}
