using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pidman.PidFiles;

namespace Pidman.Hosting;

/// <summary>Holds the host's PID file from start to graceful stop (and its lock, so a second instance refuses to start).</summary>
internal sealed class PidFileHostedService(IOptions<PidFileOptions> options) : IHostedLifecycleService, IDisposable
{
    private PidFile? _file;

    /// <summary>Registers before any other hosted service starts, so a second instance stops the host at once.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // No directory: the one the CLI finds here (PIDMAN_DIR, else the project's [settings] pid_dir, else local/pid).
        var directory = o.Directory is null ? null : new PidDirectory(Environment.CurrentDirectory, o.Directory);
        // The host's own lifetime turns SIGTERM into a graceful stop; the file goes when that stop is done.
        _file = PidFile.Register(o.Service, o.Type, directory, removeOnSignal: false);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the file after every other hosted service has stopped.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
